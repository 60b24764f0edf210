using System.Collections.Immutable;
using LeadFunctions.Domain.Calendar;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.Events;

/// <summary>
/// What subscribers are told about one applied change, in a fixed order: LeadCreated, or StageChanged then
/// StatusChanged; then OwnerAssigned when owner, owner team or sales team moved; one FlagRaised per flag newly up; and
/// Suppressed when marketing e-mail newly stopped. Events are numbered from the lead's own counter, so a lead's events
/// have no gaps whichever command produced them; a rejected command produces none and leaves the counter alone.
/// </summary>
public sealed class LeadEventLog
{
    /// <summary>The name a FlagRaised event gives a dead opportunity coming back: it raises CheckBackDue, but the news is that it resurfaced.</summary>
    public const string OpportunityResurfaced = nameof(TransitionType.OpportunityResurfaced);

    private readonly Playbook _playbook;
    private readonly SweepSchedule _schedule;
    private readonly BusinessCalendar _calendar;

    public LeadEventLog(Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        _playbook = playbook;
        _schedule = new SweepSchedule(playbook);
        _calendar = new BusinessCalendar(playbook.BusinessCalendar);
    }

    /// <summary>The lead numbered past its new events, and those events; unchanged and none when the command was not applied.</summary>
    /// <param name="before">The lead as stored, or null when the command created it.</param>
    public (Lead Lead, ImmutableArray<LeadEvent> Events) Record(Lead? before, Lead after, AuditRecord audit)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(audit);
        if (audit.Outcome != OutcomeKind.Applied)
        {
            return (after, []);
        }

        var from = before is null ? null : PlacementOf(before);
        var to = PlacementOf(after);
        var person = PersonOf(after);
        var first = (before?.EventSequence ?? 0) + 1;
        var events = ImmutableArray.CreateBuilder<LeadEvent>();

        LeadEvent Next(LeadEventType type, string? flag = null, string? reason = null) => new(
            LeadEvent.IdOf(after.Id, first + events.Count), type, after.Id, first + events.Count, audit.OccurredAt, audit.RecordedAt,
            audit.Actor, reason ?? audit.Reason, audit.CommandId, type == LeadEventType.LeadCreated ? null : from, to, after.Quadrant,
            QuadrantName(after.Quadrant), flag, type == LeadEventType.OwnerAssigned ? after.Assignment : null, person);

        if (before is null)
        {
            events.Add(Next(LeadEventType.LeadCreated));
        }
        else
        {
            if (before.Stage != after.Stage)
            {
                events.Add(Next(LeadEventType.StageChanged));
            }

            if (before.StatusName != after.StatusName)
            {
                events.Add(Next(LeadEventType.StatusChanged));
            }
        }

        if (after.Owner != before?.Owner || after.SalesTeam != before?.SalesTeam || (before is not null && after.OwnerTeam != before.OwnerTeam))
        {
            events.Add(Next(LeadEventType.OwnerAssigned));
        }

        foreach (var flag in RaisedFlags(before, after, audit.Type))
        {
            events.Add(Next(LeadEventType.FlagRaised, flag));
        }

        if (after.SuppressedReason is { } suppressed && suppressed != before?.SuppressedReason)
        {
            events.Add(Next(LeadEventType.Suppressed, reason: suppressed));
        }

        return (after.AtEventSequence(first - 1 + events.Count), events.ToImmutable());
    }

    /// <summary>
    /// The last event of an erased lead: where it stood, and nothing about who it was (the person is gone, and so is
    /// every copy waiting to be published).
    /// </summary>
    public LeadEvent Erased(Lead lead, DateTimeOffset at, string actor, string commandId)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var placement = PlacementOf(lead);
        var sequence = lead.EventSequence + 1;
        return new LeadEvent(
            LeadEvent.IdOf(lead.Id, sequence), LeadEventType.Erased, lead.Id, sequence, at, at, actor, "Erasure requested", commandId,
            placement, placement, lead.Quadrant, QuadrantName(lead.Quadrant));
    }

    private static IEnumerable<string> RaisedFlags(Lead? before, Lead after, TransitionType type)
    {
        var raised = after.Flags & ~(before?.Flags ?? LeadFlags.None);
        if (type == TransitionType.OpportunityResurfaced)
        {
            // Resurfacing is news even when the check-back flag was already up.
            raised &= ~LeadFlags.CheckBackDue;
            yield return OpportunityResurfaced;
        }

        foreach (var flag in Enum.GetValues<LeadFlags>().Where(f => f != LeadFlags.None && raised.HasFlag(f)))
        {
            yield return flag.ToString();
        }
    }

    private LeadPlacement PlacementOf(Lead lead) => new(
        lead.Stage,
        _playbook.Stages.FirstOrDefault(s => s.Name == lead.Stage)?.DisplayName,
        lead.Status,
        _playbook.FindStatus(lead.StatusName)?.DisplayName,
        lead.Owner,
        lead.OwnerTeam,
        lead.SalesTeam,
        _schedule.SlaDueAt(lead) is { } due ? _calendar.ToLocal(due) : null)
    {
        StatusName = lead.StatusName,
    };

    private string? QuadrantName(Quadrant quadrant) => _playbook.Quadrants.GetValueOrDefault(quadrant)?.DisplayName;

    private static LeadEventPerson PersonOf(Lead lead)
        => new(lead.Person.Email, lead.Person.FirstName, lead.Person.LastName, lead.Person.Company, lead.LastMessage?.Text);
}
