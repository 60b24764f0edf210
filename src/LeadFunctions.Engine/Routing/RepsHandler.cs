using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Views;

namespace LeadFunctions.Engine.Routing;

/// <summary>The result of setting a rep's availability.</summary>
public enum AvailabilityResult
{
    Saved,
    UnknownRep,
    UntilInThePast,
}

/// <summary>
/// Reps as data: list them with their availability and open New leads, and set a rep's availability (out of office
/// until a time, or back now). A rep coming back takes their share from then on: the rotation never lets them catch up.
/// </summary>
public sealed class RepsHandler
{
    private readonly RoutingRules _routing;
    private readonly IRepRoster _roster;
    private readonly ILeadQueries _queries;
    private readonly TimeProvider _time;

    public RepsHandler(Playbook playbook, IRepRoster roster, ILeadQueries queries, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        _routing = playbook.Routing;
        _roster = roster;
        _queries = queries;
        _time = time;
    }

    public async Task<IReadOnlyList<RepView>> ListAsync(CancellationToken cancellationToken)
    {
        var availability = await _roster.GetAvailabilityAsync(cancellationToken);
        var now = _time.GetUtcNow();
        var reps = new List<RepView>();
        foreach (var team in _routing.Teams)
        {
            foreach (var rep in team.Reps)
            {
                var stated = availability.GetValueOrDefault(rep.Id, RepAvailability.Always);
                var available = stated.IsAvailableAt(now);
                var openNew = await _queries.CountAsync(new LeadFilter(Status: LeadStatus.New, Owner: rep.Id), cancellationToken);
                reps.Add(new RepView(rep.Id, team.Id, rep.Weight, rep.Capacity, available, available ? null : stated.Until, openNew));
            }
        }

        return reps;
    }

    public async Task<AvailabilityResult> SetAvailabilityAsync(string repId, RepAvailability availability, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(availability);
        if (_routing.TeamOf(repId) is null)
        {
            return AvailabilityResult.UnknownRep;
        }

        if (!availability.Available && availability.Until is { } until && until <= _time.GetUtcNow())
        {
            return AvailabilityResult.UntilInThePast;
        }

        await _roster.SetAvailabilityAsync(repId, availability, cancellationToken);
        return AvailabilityResult.Saved;
    }
}
