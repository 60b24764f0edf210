using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Views;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Engine.Routing;

/// <summary>
/// Picks the rep for a lead handed to sales: back to its recent owner when they can take it; else the territory's rep,
/// or the territory's team by weighted rotation over the reps who are available and under capacity. The rotation is
/// shared by every instance: it is read, advanced and saved at the version it was read, and a lost race picks again,
/// so two instances never hand out the same turn. Within one instance a team's picks take turns at a gate, so a burst of
/// handoffs costs each pick one round trip instead of a storm of lost races on one row; only instances race.
/// </summary>
public sealed partial class RepAssigner
{
    /// <summary>Races lost before giving up; each is another instance's successful pick, so this only trips under a storm.</summary>
    private const int MaxAttempts = 50;

    private readonly RoutingRules _routing;
    private readonly IRepRoster _roster;
    private readonly ILeadQueries _queries;
    private readonly ILogger<RepAssigner> _logger;
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    public RepAssigner(Playbook playbook, IRepRoster roster, ILeadQueries queries, ILogger<RepAssigner> logger)
    {
        ArgumentNullException.ThrowIfNull(playbook);
        _routing = playbook.Routing;
        _roster = roster;
        _queries = queries;
        _logger = logger;
    }

    /// <returns>
    /// Null when there is nothing to change: the playbook defines no teams (routing is off), or a lead whose rep let its
    /// SLA run out has nobody else to go to (it stays with them, flagged).
    /// </returns>
    public async Task<Assignment?> AssignAsync(AssignmentRequest request, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var route = TerritoryRouter.Route(_routing, request.Person, request.FormId, request.Quadrant);
        if (route is null)
        {
            return null;
        }

        var availability = await _roster.GetAvailabilityAsync(cancellationToken);
        var openNew = new OpenNewCounts(_queries);
        if (RecentOwner(request, now) is { } previous
            && await StandingAsync(previous.Rep, request, availability, openNew, now, cancellationToken) == RepStanding.Available)
        {
            return new Assignment(previous.Team.Id, "previous-owner", previous.Rep.Id,
                $"back to {previous.Rep.Id}, who owned it until {request.PreviousOwner!.Until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", now, []);
        }

        // A lead already with a team (waiting in its queue, or breached there) stays with that team.
        if (_routing.FindTeam(request.Team) is { } kept)
        {
            route = new RouteMatch(null, kept.Id, null);
        }

        var team = _routing.FindTeam(route.Team)
            ?? throw new InvalidOperationException($"Team '{route.Team}' is not in the playbook; the validator should have refused it.");
        var skippedDirect = ImmutableArray<SkippedRep>.Empty;
        if (route.Rep is { } direct && team.FindRep(direct) is { } named)
        {
            var standing = await StandingAsync(named, request, availability, openNew, now, cancellationToken);
            if (standing == RepStanding.Available)
            {
                return new Assignment(team.Id, route.Rule, named.Id, $"territory '{route.Rule}' names {named.Id}", now, []);
            }

            skippedDirect = [new SkippedRep(named.Id, standing)];
        }

        var standings = new Dictionary<string, RepStanding>(StringComparer.Ordinal);
        foreach (var rep in team.Reps)
        {
            standings[rep.Id] = await StandingAsync(rep, request, availability, openNew, now, cancellationToken);
        }

        var gate = _gates.GetOrAdd(team.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await PickAsync(request, team, route, standings, skippedDirect, availability, now, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Assignment?> PickAsync(
        AssignmentRequest request, TeamDefinition team, RouteMatch route, Dictionary<string, RepStanding> standings,
        ImmutableArray<SkippedRep> skippedDirect, IReadOnlyDictionary<string, RepAvailability> availability, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var where = route.Rule is not null ? $"territory '{route.Rule}' -> {team.Id}"
            : request.Team == team.Id ? $"team {team.Id}" : $"default team {team.Id}";
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = await _roster.GetRotationAsync(team.Id, cancellationToken);
            var pick = stored.Rotation.Pick(team, rep => standings[rep.Id], request.PickId);
            var skipped = skippedDirect.AddRange(pick.Skipped.Where(s => !skippedDirect.Any(d => d.Rep == s.Rep)));
            if (pick.Rep is null)
            {
                if (request.PassOver is not null)
                {
                    // Taking a lead from a late rep to leave it with nobody would make it later still.
                    LogNobodyElse(team.Id);
                    return null;
                }

                LogUnassigned(team.Id);
                return new Assignment(
                    team.Id, route.Rule, null, $"{where}: no rep can take it now; waiting in the team queue", now, skipped, RetryAt(team, availability, now));
            }

            if (pick.Repeated || await _roster.TrySaveRotationAsync(team.Id, pick.Next, stored.ETag, cancellationToken))
            {
                return new Assignment(team.Id, route.Rule, pick.Rep, $"{where}, weighted rotation", now, skipped);
            }

            // Lost the turn to another instance: step aside a random moment, so a burst of handoffs does not retry in lockstep.
            await Task.Delay(Random.Shared.Next(1, 4 + (4 * attempt)), cancellationToken);
        }

        throw new StoreUnavailableException($"The rotation of team {team.Id} kept changing under {MaxAttempts} attempts; try again.");
    }

    /// <summary>
    /// The first moment a rep of the team said they are back, or the playbook's retry interval if sooner (or if nobody
    /// said): a rep at capacity frees up without telling anyone.
    /// </summary>
    private DateTimeOffset RetryAt(TeamDefinition team, IReadOnlyDictionary<string, RepAvailability> availability, DateTimeOffset now)
    {
        var retry = now.AddMinutes(_routing.QueueRetryMinutes);
        foreach (var rep in team.Reps)
        {
            if (availability.GetValueOrDefault(rep.Id) is { Until: { } until } stated && !stated.IsAvailableAt(now) && until < retry)
            {
                retry = until;
            }
        }

        return retry;
    }

    private (TeamDefinition Team, RepDefinition Rep)? RecentOwner(AssignmentRequest request, DateTimeOffset now)
    {
        if (request.PreviousOwner is not { } previous || _routing.ReturnToRecentOwnerDays == 0
            || now - previous.Until > TimeSpan.FromDays(_routing.ReturnToRecentOwnerDays))
        {
            return null;
        }

        var team = _routing.TeamOf(previous.Rep);
        return team is null ? null : (team, team.FindRep(previous.Rep)!);
    }

    private static async Task<RepStanding> StandingAsync(
        RepDefinition rep,
        AssignmentRequest request,
        IReadOnlyDictionary<string, RepAvailability> availability,
        OpenNewCounts openNew,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (rep.Id == request.PassOver)
        {
            return RepStanding.PassedOver;
        }

        if (availability.TryGetValue(rep.Id, out var stated) && !stated.IsAvailableAt(now))
        {
            return RepStanding.Unavailable;
        }

        if (rep.Capacity is { } capacity && await openNew.OfAsync(rep.Id, cancellationToken) >= capacity)
        {
            return RepStanding.AtCapacity;
        }

        return RepStanding.Available;
    }

    /// <summary>
    /// Every rep's open New leads for one assignment, counted in one scan the first time a capped rep is looked at,
    /// instead of one scan per capped rep; nothing is counted when no rep has a cap.
    /// </summary>
    private sealed class OpenNewCounts(ILeadQueries queries)
    {
        private IReadOnlyDictionary<string, int>? _counts;

        public async Task<int> OfAsync(string repId, CancellationToken cancellationToken)
        {
            _counts ??= await queries.CountByOwnerAsync(new LeadFilter(Status: LeadStatus.New), cancellationToken);
            return _counts.GetValueOrDefault(repId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No other rep of team {Team} can take a lead whose SLA ran out; it stays with its rep")]
    private partial void LogNobodyElse(string team);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No rep of team {Team} can take a lead now; it waits in the team queue")]
    private partial void LogUnassigned(string team);
}
