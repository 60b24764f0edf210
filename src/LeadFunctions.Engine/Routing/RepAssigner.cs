using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Engine.Concurrency;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Views;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Engine.Routing;

/// <summary>
/// Picks the rep for a lead handed to sales: back to its recent owner when they can take it; else the territory's rep,
/// or the territory's team by weighted rotation over the reps who are available and under capacity. The rotation is
/// shared by every instance: it is read, advanced and saved at the version it was read, and a lost race picks again,
/// so two instances never hand out the same turn. Within one instance a team's picks join one line and are decided in
/// groups (<see cref="JoinedLine{TRequest, TAnswer}"/>): a burst of handoffs costs one read and one write per group
/// instead of a storm of lost races on one row, or two round trips per lead in single file; only instances race. A
/// group stays well inside the rotation's memory of recent picks, so a redelivered command still finds its pick.
/// </summary>
public sealed partial class RepAssigner
{
    /// <summary>Races lost before giving up; each is another instance's successful pick, so this only trips under a storm.</summary>
    private const int MaxAttempts = 50;

    /// <summary>Picks decided together, at most: half the rotation's memory of recent picks.</summary>
    internal const int MaxGroup = RepRotation.RecentCapacity / 2;

    private readonly RoutingRules _routing;
    private readonly IRepRoster _roster;
    private readonly ILeadQueries _queries;
    private readonly ILogger<RepAssigner> _logger;
    private readonly ConcurrentDictionary<string, JoinedLine<PendingPick, Assignment?>> _lines = new(StringComparer.Ordinal);

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

        // Read here only for a rep named before the rotation; the rotation's picks read it once per group.
        var openNew = new OpenNewCounts(_queries);
        IReadOnlyDictionary<string, RepAvailability>? availability = null;
        if (RecentOwner(request, now) is { } previous
            && await StandingAsync(previous.Rep, request, availability ??= await _roster.GetAvailabilityAsync(cancellationToken), openNew, now, cancellationToken)
                == RepStanding.Available)
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
            var standing = await StandingAsync(named, request, availability ??= await _roster.GetAvailabilityAsync(cancellationToken), openNew, now, cancellationToken);
            if (standing == RepStanding.Available)
            {
                return new Assignment(team.Id, route.Rule, named.Id, $"territory '{route.Rule}' names {named.Id}", now, []);
            }

            skippedDirect = [new SkippedRep(named.Id, standing)];
        }

        var line = _lines.GetOrAdd(team.Id, _ => new JoinedLine<PendingPick, Assignment?>(group => DecideAsync(team, group), (group, _) => group.Count < MaxGroup));
        return await line.JoinAsync(new PendingPick(request, route, skippedDirect, now), cancellationToken);
    }

    /// <summary>
    /// Takes back the rotation turn <paramref name="pickId"/> got, if it got one: for a pick made on a guess of the lead
    /// that the stored lead did not need (it was there already, and owned). Rare, so it does not join the team's line; it
    /// races the line's saves on the rotation's version like another instance would. A failure leaves the turn spent
    /// (the rep is one lead behind), never fails the change that was stored.
    /// </summary>
    public async Task GiveBackAsync(Assignment assignment, string pickId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        if (assignment.Rep is null || _routing.FindTeam(assignment.Team) is not { } team)
        {
            return;
        }

        try
        {
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var stored = await _roster.GetRotationAsync(team.Id, cancellationToken);
                var returned = stored.Rotation.GiveBack(team, pickId);
                if (ReferenceEquals(returned, stored.Rotation) || await _roster.TrySaveRotationAsync(team.Id, returned, stored.ETag, cancellationToken))
                {
                    return;
                }

                await StepAsideAsync(attempt, cancellationToken);
            }

            LogNotGivenBack(team.Id, "kept changing");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogNotGivenBack(team.Id, ex.GetType().Name);
        }
    }

    /// <summary>
    /// Decides a group of picks in order against one read of availability, of open-lead counts (when a rep has a cap)
    /// and of the rotation, and saves the rotation once at that version; a lost race decides the whole group again on
    /// what the other instance saved. Each pick counts toward its rep's cap for the picks after it. Not cancelled by one
    /// request going away, since the other picks of the group wait on it. A failure fails the group; its picks spent no turn.
    /// </summary>
    private async Task<IReadOnlyList<Assignment?>> DecideAsync(TeamDefinition team, IReadOnlyList<PendingPick> group)
    {
        // Availability and the rotation are read side by side: a group's reads and its save are all that picks of the
        // team wait for in a burst, so each round trip in series caps the handoffs a second.
        var availabilityRead = _roster.GetAvailabilityAsync(CancellationToken.None);
        var firstRotationRead = _roster.GetRotationAsync(team.Id, CancellationToken.None);
        var availability = await availabilityRead;
        var openNew = new OpenNewCounts(_queries);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var stored = attempt == 1 ? await firstRotationRead : await _roster.GetRotationAsync(team.Id, CancellationToken.None);
            var rotation = stored.Rotation;
            var changed = false;
            var answers = new Assignment?[group.Count];
            openNew.ForgetPicks();
            for (var i = 0; i < group.Count; i++)
            {
                var standings = new Dictionary<string, RepStanding>(StringComparer.Ordinal);
                foreach (var rep in team.Reps)
                {
                    standings[rep.Id] = await StandingAsync(rep, group[i].Request, availability, openNew, group[i].Now, CancellationToken.None);
                }

                var (answer, next) = Decide(team, group[i], standings, availability, rotation);
                answers[i] = answer;
                changed |= !ReferenceEquals(next, rotation);
                rotation = next;
                if (answer?.Rep is { } taken)
                {
                    openNew.Took(taken);
                }
            }

            if (!changed || await _roster.TrySaveRotationAsync(team.Id, rotation, stored.ETag, CancellationToken.None))
            {
                foreach (var answer in answers)
                {
                    LogIfUnplaced(team, answer);
                }

                return answers;
            }

            await StepAsideAsync(attempt, CancellationToken.None);
        }

        throw new StoreUnavailableException($"The rotation of team {team.Id} kept changing under {MaxAttempts} attempts; try again.");
    }

    /// <summary>After losing the rotation to another save: a random moment, so a burst of handoffs does not retry in lockstep.</summary>
    private static Task StepAsideAsync(int attempt, CancellationToken cancellationToken)
        => Task.Delay(Random.Shared.Next(1, 4 + (4 * attempt)), cancellationToken);

    /// <returns>The pick's answer, and the rotation after it (the same instance when no turn was taken).</returns>
    private (Assignment? Answer, RepRotation Next) Decide(
        TeamDefinition team, PendingPick pending, Dictionary<string, RepStanding> standings, IReadOnlyDictionary<string, RepAvailability> availability, RepRotation rotation)
    {
        var request = pending.Request;
        var where = pending.Route.Rule is not null ? $"territory '{pending.Route.Rule}' -> {team.Id}"
            : request.Team == team.Id ? $"team {team.Id}" : $"default team {team.Id}";
        var pick = rotation.Pick(team, rep => standings[rep.Id], request.PickId);
        var skipped = pending.SkippedDirect.AddRange(pick.Skipped.Where(s => !pending.SkippedDirect.Any(d => d.Rep == s.Rep)));
        if (pick.Rep is null)
        {
            // Taking a lead from a late rep to leave it with nobody would make it later still.
            return request.PassOver is not null
                ? (null, rotation)
                : (new Assignment(team.Id, pending.Route.Rule, null, $"{where}: no rep can take it now; waiting in the team queue", pending.Now, skipped,
                    RetryAt(team, availability, pending.Now)), rotation);
        }

        return (new Assignment(team.Id, pending.Route.Rule, pick.Rep, $"{where}, weighted rotation", pending.Now, skipped), pick.Repeated ? rotation : pick.Next);
    }

    private void LogIfUnplaced(TeamDefinition team, Assignment? answer)
    {
        if (answer is null)
        {
            LogNobodyElse(team.Id);
        }
        else if (answer.Rep is null)
        {
            LogUnassigned(team.Id);
        }
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
    /// Every rep's open New leads for one assignment or group of picks, counted in one scan the first time a capped rep
    /// is looked at, instead of one scan per capped rep; nothing is counted when no rep has a cap. The group's own picks,
    /// not stored yet, count too.
    /// </summary>
    private sealed class OpenNewCounts(ILeadQueries queries)
    {
        private readonly Dictionary<string, int> _picked = new(StringComparer.Ordinal);
        private IReadOnlyDictionary<string, int>? _counts;

        public async Task<int> OfAsync(string repId, CancellationToken cancellationToken)
        {
            _counts ??= await queries.CountByOwnerAsync(new LeadFilter(Status: LeadStatus.New), cancellationToken);
            return _counts.GetValueOrDefault(repId) + _picked.GetValueOrDefault(repId);
        }

        public void Took(string repId) => _picked[repId] = _picked.GetValueOrDefault(repId) + 1;

        /// <summary>A group decided again (a lost race) starts from the stored counts.</summary>
        public void ForgetPicks() => _picked.Clear();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No other rep of team {Team} can take a lead whose SLA ran out; it stays with its rep")]
    private partial void LogNobodyElse(string team);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No rep of team {Team} can take a lead now; it waits in the team queue")]
    private partial void LogUnassigned(string team);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A turn of team {Team}'s rotation spent on a guess stays spent ({Reason}); its rep is one lead behind")]
    private partial void LogNotGivenBack(string team, string reason);
}
