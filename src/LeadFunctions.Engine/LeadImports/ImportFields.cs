using LeadFunctions.Engine.Intake;

namespace LeadFunctions.Engine.LeadImports;

/// <summary>The columns of an import row: a form's person, message, consent and utm fields, plus the row's own two.</summary>
public static class ImportFields
{
    /// <summary>Identifies the row across imports of the same source; without it the e-mail does.</summary>
    public const string RowKey = "rowKey";

    /// <summary>The rep who owns a manual import's lead (a rep id of the playbook's teams).</summary>
    public const string Owner = "owner";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        SubmissionFields.Email, SubmissionFields.FirstName, SubmissionFields.LastName, SubmissionFields.Company,
        SubmissionFields.JobTitle, SubmissionFields.Phone, SubmissionFields.Country, SubmissionFields.Employees,
        SubmissionFields.Message, SubmissionFields.Consent, SubmissionFields.UtmSource, SubmissionFields.UtmMedium,
        SubmissionFields.UtmCampaign, RowKey, Owner,
    };
}
