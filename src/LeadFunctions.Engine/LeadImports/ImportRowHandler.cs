using LeadFunctions.Domain.LeadImports;
using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Identity;
using LeadFunctions.Engine.Intake;
using LeadFunctions.Engine.Processing;

namespace LeadFunctions.Engine.LeadImports;

/// <summary>
/// One import row: validated exactly as a form (<see cref="SubmissionReader"/>), matched to its person's lead like a form
/// (<see cref="LeadIdentity"/>), and applied as one <see cref="TransitionType.LeadImported"/> command, whose lead,
/// audit line and events are written in one transaction. The command id is the row's key (or its lead) per source, so a
/// repeated row is recognised and applies nothing. A bad row stores nothing.
/// </summary>
public sealed class ImportRowHandler
{
    private readonly Playbook _playbook;
    private readonly LeadIdentity _identity;
    private readonly LeadCommandProcessor _processor;
    private readonly TimeProvider _time;

    public ImportRowHandler(Playbook playbook, LeadIdentity identity, LeadCommandProcessor processor, TimeProvider time)
    {
        _playbook = playbook;
        _identity = identity;
        _processor = processor;
        _time = time;
    }

    public Task<(RowOutcome Outcome, IReadOnlyList<ImportError> Errors)> HandleAsync(string importId, ImportSource source, ImportRow row, CancellationToken cancellationToken)
        => HandleAsync(importId, source, row, FirstLook.Guess, cancellationToken);

    /// <param name="firstLook">
    /// <see cref="FirstLook.CommandFirst"/> when the row is probably applied already (its chunk's rows so far were), so
    /// that a repeated row costs one read; <see cref="FirstLook.Guess"/> tries a new person's insert without reading.
    /// </param>
    public async Task<(RowOutcome Outcome, IReadOnlyList<ImportError> Errors)> HandleAsync(
        string importId, ImportSource source, ImportRow row, FirstLook firstLook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Fields is not { } fields)
        {
            return Failed(row, row.Errors ?? [new FieldError(ImportParser.WholeRow, "The row could not be read.")]);
        }

        var errors = new List<FieldError>();
        var details = SubmissionReader.Read(source.Name(), fields, ImportFields.Known, errors);
        var rowKey = SubmissionReader.Get(fields, ImportFields.RowKey);
        if (rowKey is not null && (!CommandIds.IsValid(rowKey) || rowKey.Length > CommandIds.MaxRowKeyLength))
        {
            errors.Add(new FieldError(ImportFields.RowKey, $"Must be 1-{CommandIds.MaxRowKeyLength} letters, digits, '-', '_', '.' or ':'."));
        }

        var owner = Owner(source, SubmissionReader.Get(fields, ImportFields.Owner), errors);
        if (errors.Count > 0 || details is null)
        {
            return Failed(row, errors);
        }

        var leadId = _identity.LeadIdFor(details.Person.Email);
        var command = new TransitionCommand(
            CommandIds.ForImport(source.Name(), rowKey ?? leadId),
            TransitionType.LeadImported,
            _time.GetUtcNow(),
            Actor: "import:" + source.Name(),
            Reason: "import " + importId,
            Data: new TransitionData { Import = new LeadImport(source, details, owner) });
        // The relay pass publishes the events of a whole import in bulk; a row's events need not go out one by one.
        var outcome = await _processor.ProcessAsync(leadId, command, publishNow: false, firstLook, cancellationToken);
        return outcome.Kind switch
        {
            OutcomeKind.Applied when outcome.Audit?.FromStage is null => (RowOutcome.Created, []),
            OutcomeKind.Applied => (RowOutcome.Updated, []),
            OutcomeKind.Duplicate => (RowOutcome.Unchanged, []),
            _ => Failed(row, [new FieldError(ImportParser.WholeRow, $"Refused: {outcome.Audit?.RejectionCode ?? "unknown lead"}.")]),
        };
    }

    /// <summary>Only a manual import names an owner, and it must: a rep the playbook's teams know (any name when it has no teams, as for a reassignment).</summary>
    private string? Owner(ImportSource source, string? owner, List<FieldError> errors)
    {
        if (source != ImportSource.Manual)
        {
            if (owner is not null)
            {
                errors.Add(new FieldError(ImportFields.Owner, "Only a manual import names an owner."));
            }

            return null;
        }

        if (owner is null)
        {
            errors.Add(new FieldError(ImportFields.Owner, "Required for a manual import: the rep who owns the lead."));
            return null;
        }

        owner = owner.Trim();
        if (!_playbook.Routing.Teams.IsEmpty && _playbook.Routing.TeamOf(owner) is null)
        {
            errors.Add(new FieldError(ImportFields.Owner, "No rep of that id in the playbook's teams."));
        }

        return owner;
    }

    private static (RowOutcome, IReadOnlyList<ImportError>) Failed(ImportRow row, IReadOnlyList<FieldError> errors)
        => (RowOutcome.Failed, [.. errors.Take(ImportLimits.MaxErrorsPerRow).Select(e => new ImportError(row.Row, e.Field, e.Message))]);
}
