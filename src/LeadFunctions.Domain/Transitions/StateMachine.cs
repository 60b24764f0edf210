using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions.Rules;

namespace LeadFunctions.Domain.Transitions;

/// <summary>
/// The one place a lead changes. Every command, from a form, a rep, a CRM or a sweep, is checked against the
/// playbook's allowed statuses and its type's rule, then stamped and written to the audit trail, applied or not.
/// Stages only move forward, except through an explicit <see cref="TransitionType.Regress"/>.
/// </summary>
public sealed class StateMachine
{
    private readonly Playbook _playbook;
    private readonly SweepSchedule _schedule;
    private readonly LeadEventLog _events;

    public StateMachine(Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        _playbook = playbook;
        _schedule = new SweepSchedule(playbook);
        _events = new LeadEventLog(playbook);
    }

    /// <param name="current">The stored lead, or null when a form submission introduces a new person.</param>
    /// <param name="recordedAt">When the command is recorded; stamps use the command's own <c>OccurredAt</c>.</param>
    public TransitionResult Apply(string leadId, Lead? current, TransitionCommand command, DateTimeOffset recordedAt)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (current is null && !CanCreateLead(command))
        {
            throw new ArgumentException("Only a submission of a form the playbook knows, or an imported row, can create a lead.", nameof(current));
        }

        var decision = current is null
            ? command.Type == TransitionType.LeadImported ? ImportRule.Create(leadId, command, _playbook) : FormSubmissionRule.Create(leadId, command, _playbook)
            : Decide(current, command);

        if (decision.Next is { } next)
        {
            var finished = FinishApplied(current, next, command);
            var audit = AuditOf(current, finished, command, null, recordedAt);
            var (numbered, events) = _events.Record(current, finished, audit);
            return new TransitionResult(numbered, audit, HandoffOf(current, finished, command)) { Events = events, Before = current, EventLog = _events };
        }

        var unchanged = current!.AtVersion(current.Version + 1);
        return new TransitionResult(unchanged, AuditOf(current, unchanged, command, decision.RejectionCode, recordedAt)) { Before = current, EventLog = _events };
    }

    /// <summary>
    /// Places a lead that <see cref="Apply"/> handed to sales with the rep (or team queue) routing chose; the same audit
    /// line records the change and why that rep, so the lead is never stored handed off but unplaced.
    /// </summary>
    public static TransitionResult Assign(TransitionResult result, Assignment assignment)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(assignment);
        if (result.Handoff is null)
        {
            throw new ArgumentException("Only a result that hands the lead to sales is assigned.", nameof(result));
        }

        // The events are counted again from the lead before the command, so placing it adds its OwnerAssigned in order.
        var before = result.Before;
        var placed = result.Lead.RoutedBy(assignment, assignment.At).AtEventSequence(before?.EventSequence ?? 0);

        // A queued lead that finally gets a rep starts that rep's SLA clock afresh; a breach's own reassignment keeps its
        // flag on show, and the rep it passed over (on the assignment) is what lets the new rep's clock run.
        if (result.Audit.Type == TransitionType.AssignmentDue && placed.Owner is not null)
        {
            placed = placed.WithoutFlag(Lead.SlaFlags);
        }

        var audit = result.Audit with { ToOwner = placed.Owner, Assignment = assignment };
        var (numbered, events) = result.EventLog is { } log ? log.Record(before, placed, audit) : (placed, []);
        return new TransitionResult(numbered, audit) { Events = events, Before = before, EventLog = result.EventLog };
    }

    /// <summary>Whether the command can introduce a new lead: a submission of a form in the playbook, or an imported row.</summary>
    public bool CanCreateLead(TransitionCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return (command.Type == TransitionType.FormSubmitted
            && command.Payload.Submission is { } submission
            && _playbook.FindForm(submission.FormId) is not null)
            || (command.Type == TransitionType.LeadImported && command.Payload.Import is not null);
    }

    private Decision Decide(Lead lead, TransitionCommand command)
    {
        if (_playbook.Transitions.TryGetValue(command.Type, out var rule) && !rule.From.Contains(lead.Status))
        {
            return Decision.Reject(RejectionCode.StatusNotAllowed);
        }

        return command.Type switch
        {
            TransitionType.FormSubmitted => FormSubmissionRule.Update(lead, command, _playbook),
            TransitionType.LeadImported => ImportRule.Update(lead, command, _playbook),
            TransitionType.FirstOutreachSent => OutreachRules.FirstOutreachSent(lead, command, _playbook),
            TransitionType.ContactMade => OutreachRules.ContactMade(lead, command),
            TransitionType.Qualified => OutreachRules.Qualified(lead, command),
            TransitionType.MeetingScheduled => OutreachRules.MeetingScheduled(lead, command),
            TransitionType.CheckBackLater => OutreachRules.CheckBackLater(lead, command, _playbook),
            TransitionType.NotInterested => OutreachRules.NotInterested(lead, command, _playbook),
            TransitionType.BadFit => OutreachRules.BadFit(lead, command),
            TransitionType.OwnershipTransferRequested => OutreachRules.OwnershipTransferRequested(lead, command, _playbook),
            TransitionType.DealCreated => DealRules.Created(lead, command),
            TransitionType.DealWon => DealRules.Won(lead, command),
            TransitionType.DealLost => DealRules.Lost(lead, command, _playbook),
            TransitionType.ActivityRecorded => EngagementRules.ActivityRecorded(lead, command, _playbook),
            TransitionType.Unsubscribed or TransitionType.EmailBounced => EngagementRules.Suppress(lead, command),
            TransitionType.StageAdvanced => StageRules.Advance(lead, command, _playbook),
            TransitionType.Regress => StageRules.Regress(lead, command, _playbook),
            TransitionType.Reassigned => OwnershipRules.Reassigned(lead, command, _playbook),
            TransitionType.AssignmentDue => OwnershipRules.AssignmentDue(lead),
            TransitionType.StatusSet => StatusRules.Set(lead, command, _playbook),
            _ when command.Type.IsSystem() => SweepCommandRules.Apply(lead, command, _schedule, _playbook),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.Type, "Unknown transition type."),
        };
    }

    private Lead FinishApplied(Lead? before, Lead next, TransitionCommand command)
    {
        var owned = SettleOwner(before, next, command);
        var worked = command.Type.IsSalesWork() ? owned.WithoutFlag(LeadFlags.CheckBackDue | Lead.SlaFlags) : owned;
        return worked.AtVersion((before?.Version ?? 0) + 1);
    }

    /// <summary>
    /// Seed 004's reverse handoff: a lead that sales lets go (no interest, no contact, gone dark, bad fit) or that moves
    /// to a status marketing owns leaves its rep and its team's queue. Otherwise a rep named by the event, or taking the
    /// lead by working it, becomes its owner on the record, with that as the reason.
    /// </summary>
    private Lead SettleOwner(Lead? before, Lead next, TransitionCommand command)
    {
        var at = command.OccurredAt;
        var statusOwner = _playbook.OwnerOfStatus(next.StatusName);
        if (ReleasesOwner(command.Type) || statusOwner == Team.Marketing)
        {
            return next.Owner is null && next.SalesTeam is null ? next : next.HandedBack(statusOwner ?? Team.Marketing, at);
        }

        // These rules place the lead themselves, with their own reason (an SLA escalation names the manager).
        if (command.Type is TransitionType.Reassigned or TransitionType.SlaBreached)
        {
            return next;
        }

        var taker = command.Payload.Owner ?? (next.Owner != before?.Owner ? next.Owner : null);
        if (taker is null || taker == before?.Owner)
        {
            return next;
        }

        var team = _playbook.Routing.TeamOf(taker)?.Id ?? next.SalesTeam ?? RoutingIds.NoTeam;
        var taken = new Assignment(team, null, taker, $"{command.Type} by {command.Actor}", at, []);
        return next.RoutedBy(taken, at, leaving: before?.Owner);
    }

    private static bool ReleasesOwner(TransitionType type) => type is TransitionType.NotInterested or TransitionType.NoContactTimeout
        or TransitionType.WentDark or TransitionType.BadFit;

    /// <summary>
    /// A change that lands the lead in the sales inbox with nobody to work it asks routing for a rep (when the playbook
    /// has teams); so does a queued lead's retry and a breach the playbook answers by reassigning.
    /// </summary>
    private AssignmentRequest? HandoffOf(Lead? before, Lead after, TransitionCommand command)
    {
        if (_playbook.Routing.Teams.IsEmpty || after.OwnerTeam != Team.Sales)
        {
            return null;
        }

        var handedOff = after.HandedToSalesAt is { } at && at != before?.HandedToSalesAt && after.Owner is null;
        var retry = command.Type == TransitionType.AssignmentDue;
        var passOver = SlaReassignmentOf(before, after, command);
        if (!handedOff && !retry && passOver is null)
        {
            return null;
        }

        // A breach goes round the team's rotation: offering the lead back to the rep before would bounce it between two reps.
        var returnTo = passOver is null ? after.PreviousOwner : null;
        return new AssignmentRequest(
            after.Person, command.Payload.Submission?.FormId ?? after.LastFormId, after.Quadrant, returnTo, after.SalesTeam,
            passOver, command.CommandId);
    }

    /// <summary>The rep to pass over when a breach is answered by reassigning: the owner whose clock ran out, within their team.</summary>
    private string? SlaReassignmentOf(Lead? before, Lead after, TransitionCommand command)
    {
        if (command.Type != TransitionType.SlaBreached || before?.Owner is not { } breachedRep || after.SalesTeam is null)
        {
            return null;
        }

        return _playbook.SlaFor(before.Status)?.OnBreach == SlaBreachAction.Reassign ? breachedRep : null;
    }

    private static AuditRecord AuditOf(Lead? before, Lead after, TransitionCommand command, string? rejection, DateTimeOffset recordedAt) => new(
        command.CommandId,
        command.Type,
        rejection is null ? OutcomeKind.Applied : OutcomeKind.Rejected,
        rejection,
        command.Actor,
        command.Reason,
        command.OccurredAt,
        recordedAt,
        before?.Stage,
        after.Stage,
        before?.Status,
        after.Status,
        after.Version,
        command.Payload.DealId,
        before?.Owner,
        after.Owner,
        after.Assignment is { } assignment && assignment != before?.Assignment ? assignment : null)
    {
        FromStatusName = before?.StatusName,
        ToStatusName = after.StatusName,
    };
}
