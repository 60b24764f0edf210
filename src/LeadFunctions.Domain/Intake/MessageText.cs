using System.Text;

namespace LeadFunctions.Domain.Intake;

/// <summary>
/// The free text a person writes in a form ("How can we help?"). Personal data: stored with the lead for the rep, never
/// logged. Line breaks and tabs survive; every other control character is dropped rather than refused, since a pasted
/// text often carries some.
/// </summary>
public static class MessageText
{
    public const int MaxLength = 2000;

    public static string? Clean(string field, string? raw, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (raw is null)
        {
            return null;
        }

        var text = new StringBuilder(Math.Min(raw.Length, MaxLength + 1));
        foreach (var c in raw.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'))
        {
            if (c is '\n' or '\t' || !char.IsControl(c))
            {
                text.Append(c);
            }
        }

        var cleaned = text.ToString().Trim().Normalize(NormalizationForm.FormC);
        if (cleaned.Length > MaxLength)
        {
            errors.Add(new FieldError(field, $"Must be at most {MaxLength} characters."));
            return null;
        }

        return cleaned.Length == 0 ? null : cleaned;
    }
}
