using LeadFunctions.Domain.Intake;

namespace LeadFunctions.Engine.Intake;

public enum SubmissionStatus
{
    Accepted,
    Invalid,
    UnknownForm,
    Ignored,
}

/// <summary>The answer to a form post: the same ids for a new person, a known person, or a replay.</summary>
public sealed record SubmissionResult(SubmissionStatus Status, string? SubmissionId, string? LeadId, IReadOnlyList<FieldError> Errors)
{
    public static SubmissionResult Accepted(string submissionId, string leadId) => new(SubmissionStatus.Accepted, submissionId, leadId, []);

    public static SubmissionResult Invalid(IReadOnlyList<FieldError> errors) => new(SubmissionStatus.Invalid, null, null, errors);

    public static readonly SubmissionResult NoSuchForm = new(SubmissionStatus.UnknownForm, null, null, []);

    /// <summary>Honeypot: the bot is told "accepted" and nothing is stored.</summary>
    public static SubmissionResult Dropped(string submissionId) => new(SubmissionStatus.Ignored, submissionId, null, []);
}
