using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Transitions;
using LeadFunctions.Engine.Views;

namespace LeadFunctions.Engine.Routing;

/// <summary>
/// Reps as data: list them with their availability and open New leads, and set a rep's availability (out of office
/// until a time, or back now). A rep coming back takes their share from then on: the rotation never lets them catch up;
/// and the leads waiting in their team's queue are offered again at once, so none waits for its retry time.
/// </summary>
public sealed class RepsHandler
{
    /// <summary>
    /// Queued leads offered per return; a team queue deeper than this has a staffing problem no single return solves,
    /// and the rest are still tried at their retry times by the assign-queued sweep.
    /// </summary>
    internal const int MaxOffered = 1000;

    private readonly RoutingRules _routing;
    private readonly IRepRoster _roster;
    private readonly ILeadQueries _queries;
    private readonly ITransitionPublisher _publisher;
    private readonly TimeProvider _time;

    public RepsHandler(Playbook playbook, IRepRoster roster, ILeadQueries queries, ITransitionPublisher publisher, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        _routing = playbook.Routing;
        _roster = roster;
        _queries = queries;
        _publisher = publisher;
        _time = time;
    }

    public async Task<IReadOnlyList<RepView>> ListAsync(CancellationToken cancellationToken)
    {
        var availability = await _roster.GetAvailabilityAsync(cancellationToken);
        var openNew = await _queries.CountByOwnerAsync(new LeadFilter(Status: LeadStatus.New), cancellationToken);
        var now = _time.GetUtcNow();
        var reps = new List<RepView>();
        foreach (var team in _routing.Teams)
        {
            foreach (var rep in team.Reps)
            {
                var stated = availability.GetValueOrDefault(rep.Id, RepAvailability.Always);
                var available = stated.IsAvailableAt(now);
                reps.Add(new RepView(rep.Id, team.Id, team.DisplayName ?? team.Id, rep.Weight, rep.Capacity, available, available ? null : stated.Until, openNew.GetValueOrDefault(rep.Id)));
            }
        }

        return reps;
    }

    public async Task<AvailabilityChange> SetAvailabilityAsync(string repId, RepAvailability availability, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(availability);
        var now = _time.GetUtcNow();
        if (_routing.TeamOf(repId) is not { } team)
        {
            return new AvailabilityChange(AvailabilityResult.UnknownRep, 0);
        }

        if (!availability.Available && availability.Until is { } until && until <= now)
        {
            return new AvailabilityChange(AvailabilityResult.UntilInThePast, 0);
        }

        await _roster.SetAvailabilityAsync(repId, availability, cancellationToken);
        var offered = availability.IsAvailableAt(now) ? await OfferQueueAsync(repId, team, now, cancellationToken) : 0;
        return new AvailabilityChange(AvailabilityResult.Saved, offered);
    }

    /// <summary>
    /// Queues a retry for each lead waiting with the team: the consumer routes them one by one in each lead's own order,
    /// through the rotation, so the returning rep gets their share of the queue, not all of it.
    /// </summary>
    private async Task<int> OfferQueueAsync(string repId, TeamDefinition team, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var offered = 0;
        string? token = null;
        do
        {
            var page = await _queries.ListAsync(new LeadFilter(Flag: LeadFlags.Unassigned), 100, token, cancellationToken);
            foreach (var lead in page.Leads.Where(l => l.SalesTeam == team.Id))
            {
                var command = new TransitionCommand(
                    CommandIds.ForAvailability(repId, now), TransitionType.AssignmentDue, now, Actor: repId, Reason: $"{repId} is available");
                await _publisher.PublishAsync(new TransitionEnvelope(lead.Id, command), cancellationToken);
                offered++;
            }

            token = page.ContinuationToken;
        }
        while (token is not null && offered < MaxOffered);
        return offered;
    }
}
