using LeadFunctions.Domain.Intake;

namespace LeadFunctions.Engine.Intake;

/// <summary>The field names of the public submission contract, shared by JSON and form posts.</summary>
public static class SubmissionFields
{
    public const string Email = "email";
    public const string FirstName = "firstName";
    public const string LastName = "lastName";
    public const string Company = "company";
    public const string JobTitle = "jobTitle";
    public const string Phone = "phone";
    public const string Country = "country";
    public const string Employees = "employees";
    public const string Message = "message";
    public const string Consent = "consent";
    public const string UtmSource = "utm_source";
    public const string UtmMedium = "utm_medium";
    public const string UtmCampaign = "utm_campaign";
    public const string SubmissionId = "submissionId";

    /// <summary>Invisible to people, filled by bots: a filled honeypot is answered politely and dropped.</summary>
    public const string Honeypot = "website";

    /// <summary>Browser posts without script: where to send the visitor after a successful submission.</summary>
    public const string Redirect = "redirect";

    public const int MaxMessageLength = MessageText.MaxLength;
    public const int MaxUtmLength = 100;

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        Email, FirstName, LastName, Company, JobTitle, Phone, Country, Employees, Message, Consent,
        UtmSource, UtmMedium, UtmCampaign, SubmissionId, Honeypot, Redirect,
    };
}
