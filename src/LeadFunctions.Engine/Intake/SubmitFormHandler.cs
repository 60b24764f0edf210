using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Identity;
using LeadFunctions.Engine.Processing;

namespace LeadFunctions.Engine.Intake;

/// <summary>
/// Website form intake: validate, find the person's lead, and apply the submission through the state machine.
/// Returns only once the submission is durably stored.
/// </summary>
public sealed class SubmitFormHandler
{
    private readonly Playbook _playbook;
    private readonly LeadIdentity _identity;
    private readonly LeadCommandProcessor _processor;
    private readonly TimeProvider _time;

    public SubmitFormHandler(Playbook playbook, LeadIdentity identity, LeadCommandProcessor processor, TimeProvider time)
    {
        _playbook = playbook;
        _identity = identity;
        _processor = processor;
        _time = time;
    }

    /// <param name="fields">Field name to value, as posted. A repeated field is an error upstream, not here.</param>
    /// <param name="idempotencyKey">The Idempotency-Key header, if any; the body's submissionId must agree with it.</param>
    public async Task<SubmissionResult> HandleAsync(string formId, IReadOnlyDictionary<string, string?> fields, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (!FormIds.IsValid(formId) || _playbook.FindForm(formId) is null)
        {
            return SubmissionResult.NoSuchForm;
        }

        var errors = new List<FieldError>();
        var submissionId = SubmissionId(fields, idempotencyKey, errors);
        var submission = SubmissionReader.Read(formId, fields, SubmissionFields.Known, errors);
        if (errors.Count > 0 || submission is null)
        {
            return SubmissionResult.Invalid(errors);
        }

        if (!string.IsNullOrEmpty(SubmissionReader.Get(fields, SubmissionFields.Honeypot)))
        {
            return SubmissionResult.Dropped(submissionId);
        }

        var leadId = _identity.LeadIdFor(submission.Person.Email);
        var command = new TransitionCommand(
            CommandIds.ForSubmission(submissionId),
            TransitionType.FormSubmitted,
            _time.GetUtcNow(),
            Actor: "form:" + formId,
            Data: new TransitionData { Submission = submission });
        await _processor.ProcessAsync(leadId, command, cancellationToken);
        return SubmissionResult.Accepted(submissionId, leadId);
    }

    private static string SubmissionId(IReadOnlyDictionary<string, string?> fields, string? header, List<FieldError> errors)
    {
        var body = SubmissionReader.Get(fields, SubmissionFields.SubmissionId);
        if (body is not null && header is not null && body != header)
        {
            errors.Add(new FieldError(SubmissionFields.SubmissionId, "Differs from the Idempotency-Key header."));
        }

        var id = body ?? header;
        if (id is null)
        {
            return Guid.NewGuid().ToString("N");
        }

        if (!CommandIds.IsValid(id))
        {
            errors.Add(new FieldError(SubmissionFields.SubmissionId, $"Must be {CommandIds.Rule}."));
        }

        return id;
    }
}
