namespace LeadFunctions.Domain.Intake;

/// <summary>
/// One-line text from outside (actors, owners, deal ids, UTM values): bounded, and without control characters, which
/// would forge lines in logs and exports.
/// </summary>
public static class PrintableText
{
    public static bool IsWithin(string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= maxLength && !value.Any(char.IsControl);
    }

    /// <summary>Optional text: trimmed, and blank means absent. Too long or not printable is a field error.</summary>
    public static string? Optional(string field, string? raw, int maxLength, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var value = raw?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!IsWithin(value, maxLength))
        {
            errors.Add(new FieldError(field, $"Must be at most {maxLength} printable characters."));
            return null;
        }

        return value;
    }
}
