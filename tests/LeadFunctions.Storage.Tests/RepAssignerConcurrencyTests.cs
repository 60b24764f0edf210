using System.Collections.Concurrent;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Routing;

namespace LeadFunctions.Storage.Tests;

/// <summary>
/// Two app instances assigning at once on one Azurite: every assignment takes its own turn of the shared rotation, so
/// 200 concurrent handoffs end exactly as 200 handoffs in a row would (weights 2/1/1: 100/50/50), whatever the races.
/// </summary>
public sealed class RepAssignerConcurrencyTests : IDisposable
{
    private readonly StorageHarness _first = new();
    private readonly StorageHarness _second;

    public RepAssignerConcurrencyTests() => _second = _first.SecondInstance();

    public void Dispose()
    {
        _second.Dispose();
        _first.Dispose();
    }

    private static AssignmentRequest Request(int i) => new(new Person($"handoff-{i}@acme-analytics.com", Country: "US", Employees: 250), "pricing", Quadrant.HighInterestGoodFit, null);

    [Fact]
    public async Task Two_hundred_concurrent_handoffs_through_two_instances_share_the_rotation_exactly()
    {
        var now = _first.Clock.GetUtcNow();
        var assigners = new[] { _first.Get<RepAssigner>(), _second.Get<RepAssigner>() };
        var results = new ConcurrentBag<Assignment>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            results.Add((await assigners[i % 2].AssignAsync(Request(i), now, ct))!));

        Assert.Equal(200, results.Count);
        Assert.All(results, a => Assert.Equal("inbound-sales", a.Team));
        var counts = results.GroupBy(a => a.Rep!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(100, counts["rep-ann"]);
        Assert.Equal(50, counts["rep-ben"]);
        Assert.Equal(50, counts["rep-cat"]);

        // The stored rotation counts every turn once: the passes add up to 200 picks.
        var stored = await _first.Get<IRepRoster>().GetRotationAsync("inbound-sales", CancellationToken.None);
        var team = PlaybookJson.Default().Routing.FindTeam("inbound-sales")!;
        var picks = team.Reps.Sum(rep => stored.Rotation.Passes[rep.Id] / (RepRotation.Scale / rep.Weight));
        Assert.Equal(200, picks);
    }

    [Fact]
    public async Task An_unavailable_rep_is_skipped_with_the_reason_and_a_canadian_lead_goes_to_the_canada_team()
    {
        var now = _first.Clock.GetUtcNow();
        await _first.Get<IRepRoster>().SetAvailabilityAsync("rep-ann", new RepAvailability(false, now.AddDays(7)), CancellationToken.None);

        var us = await _first.Get<RepAssigner>().AssignAsync(Request(1), now, CancellationToken.None);
        var canada = await _first.Get<RepAssigner>().AssignAsync(Request(2) with { Person = new Person("ca@acme.example", Country: "CA") }, now, CancellationToken.None);

        Assert.Equal("rep-ben", us!.Rep);
        Assert.Contains(new SkippedRep("rep-ann", RepStanding.Unavailable), us.Skipped);
        Assert.Equal(("canada-sales", "canada", "rep-dan"), (canada!.Team, canada.Rule, canada.Rep));
    }
}
