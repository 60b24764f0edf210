using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Engine.Intake;

/// <summary>
/// The one validator of a submission's fields (person, message, consent, utm): form intake and import rows both read
/// through it, so a row is refused for exactly what a form would be.
/// </summary>
public static class SubmissionReader
{
    /// <param name="known">The field names allowed: a form's, or an import row's (which adds its own columns).</param>
    public static FormSubmission? Read(string formId, IReadOnlyDictionary<string, string?> fields, IReadOnlySet<string> known, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var unknown in fields.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal).Take(10))
        {
            errors.Add(new FieldError(FieldNames.Shortened(unknown), "Unknown field."));
        }

        var person = PersonValidation.Validate(
            new PersonInput(
                Get(fields, SubmissionFields.Email),
                Get(fields, SubmissionFields.FirstName),
                Get(fields, SubmissionFields.LastName),
                Get(fields, SubmissionFields.Company),
                Get(fields, SubmissionFields.JobTitle),
                Get(fields, SubmissionFields.Phone),
                Get(fields, SubmissionFields.Country),
                Get(fields, SubmissionFields.Employees)),
            errors);

        var message = MessageText.Clean(SubmissionFields.Message, Get(fields, SubmissionFields.Message), errors);
        var consent = Consent(Get(fields, SubmissionFields.Consent), errors);
        var campaign = Utm(fields, SubmissionFields.UtmCampaign, errors);
        var source = Utm(fields, SubmissionFields.UtmSource, errors);
        var medium = Utm(fields, SubmissionFields.UtmMedium, errors);
        return person is null || errors.Count > 0 ? null : new FormSubmission(formId, person, campaign, source, medium, consent, message);
    }

    private static bool Consent(string? raw, List<FieldError> errors)
    {
        switch (raw?.Trim().ToUpperInvariant())
        {
            case null or "" or "FALSE" or "0" or "NO" or "OFF":
                return false;
            case "TRUE" or "1" or "YES" or "ON":
                return true;
            default:
                errors.Add(new FieldError(SubmissionFields.Consent, "Must be true or false."));
                return false;
        }
    }

    private static string? Utm(IReadOnlyDictionary<string, string?> fields, string name, List<FieldError> errors)
        => PrintableText.Optional(name, Get(fields, name), SubmissionFields.MaxUtmLength, errors);

    /// <summary>A field's value, or null when missing or blank.</summary>
    public static string? Get(IReadOnlyDictionary<string, string?> fields, string name)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
    }
}
