using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Routing;
using LeadFunctions.Engine.Views;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace LeadFunctions.Engine.Tests.Routing;

/// <summary>The assignment rules over mocked roster and queries: recent owner, named rep, capacity, nobody available.</summary>
public sealed class RepAssignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly Mock<IRepRoster> _roster = new();
    private readonly Mock<ILeadQueries> _queries = new();
    private readonly Dictionary<string, RepAvailability> _availability = [];
    private RepRotation _rotation = RepRotation.Empty;
    private int _saves;

    public RepAssignerTests()
    {
        _roster.Setup(r => r.GetAvailabilityAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => _availability);
        _roster.Setup(r => r.GetRotationAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => new StoredRotation(_rotation, "v" + _saves));
        _roster.Setup(r => r.TrySaveRotationAsync(It.IsAny<string>(), It.IsAny<RepRotation>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, RepRotation next, string? etag, CancellationToken _) =>
            {
                if (etag != "v" + _saves)
                {
                    return false;
                }

                _rotation = next;
                _saves++;
                return true;
            });
    }

    private RepAssigner Assigner(Playbook? playbook = null) => new(playbook ?? PlaybookJson.Default(), _roster.Object, _queries.Object, NullLogger<RepAssigner>.Instance);

    private static AssignmentRequest Request(string country = "US", string? previousOwner = null, DateTimeOffset? until = null)
        => new(new Person("buyer@acme-analytics.com", Country: country, Employees: 250), "pricing", Quadrant.HighInterestGoodFit,
            previousOwner is null ? null : new PastOwner(previousOwner, until!.Value));

    [Fact]
    public async Task Handoffs_that_wait_for_the_rotation_together_share_one_read_and_one_save_and_still_take_turns_by_weight()
    {
        var firstRead = new TaskCompletionSource();
        var reads = 0;
        _roster.Setup(r => r.GetRotationAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(async (string _, CancellationToken _) =>
        {
            if (Interlocked.Increment(ref reads) == 1)
            {
                await firstRead.Task;
            }

            return new StoredRotation(_rotation, "v" + _saves);
        });
        var assigner = Assigner();

        // The first is being decided while its read is slow; seven more queue up behind it.
        var picks = new List<Task<Assignment?>> { assigner.AssignAsync(Request() with { PickId = "cmd-0" }, Now, CancellationToken.None) };
        for (var spins = 0; Volatile.Read(ref reads) == 0 && spins < 500; spins++)
        {
            await Task.Delay(10);
        }

        picks.AddRange(Enumerable.Range(1, 7).Select(i => assigner.AssignAsync(Request() with { PickId = $"cmd-{i}" }, Now, CancellationToken.None)));
        firstRead.SetResult();
        var assignments = await Task.WhenAll(picks);

        Assert.Equal((2, 2), (reads, _saves));
        var counts = assignments.GroupBy(a => a!.Rep!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal((4, 2, 2), (counts["rep-ann"], counts["rep-ben"], counts["rep-cat"]));
        Assert.Equal(8, _rotation.Recent.Length);
        Assert.Equal(assignments.Select(a => a!.Rep), _rotation.Recent.Select(r => r.Rep));
    }

    [Fact]
    public async Task A_group_that_loses_the_race_to_another_instance_is_decided_again_on_the_newer_rotation()
    {
        var lost = false;
        _roster.Setup(r => r.TrySaveRotationAsync(It.IsAny<string>(), It.IsAny<RepRotation>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, RepRotation next, string? etag, CancellationToken _) =>
            {
                if (!lost)
                {
                    // Another instance took rep-ann's turn first.
                    lost = true;
                    _rotation = _rotation.Pick(PlaybookJson.Default().Routing.FindTeam("inbound-sales")!, _ => RepStanding.Available, "other-instance").Next;
                    _saves++;
                    return false;
                }

                if (etag != "v" + _saves)
                {
                    return false;
                }

                _rotation = next;
                _saves++;
                return true;
            });

        var assignment = await Assigner().AssignAsync(Request() with { PickId = "cmd-1" }, Now, CancellationToken.None);

        Assert.Equal("rep-ben", assignment!.Rep);
        Assert.Equal(["other-instance", "cmd-1"], _rotation.Recent.Select(r => r.PickId));
    }

    [Fact]
    public async Task A_lead_owned_recently_goes_back_to_its_owner_without_using_a_turn()
    {
        var assignment = await Assigner().AssignAsync(Request(previousOwner: "rep-cat", until: Now.AddDays(-30)), Now, CancellationToken.None);

        Assert.Equal(("inbound-sales", "previous-owner", "rep-cat"), (assignment!.Team, assignment.Rule, assignment.Rep));
        Assert.Equal(0, _saves);
    }

    [Fact]
    public async Task A_previous_owner_from_too_long_ago_or_away_is_not_used()
    {
        _availability["rep-cat"] = new RepAvailability(false);

        var stale = await Assigner().AssignAsync(Request(previousOwner: "rep-ben", until: Now.AddDays(-91)), Now, CancellationToken.None);
        var away = await Assigner().AssignAsync(Request(previousOwner: "rep-cat", until: Now.AddDays(-1)), Now, CancellationToken.None);

        Assert.Equal("rep-ann", stale!.Rep);
        Assert.NotEqual("rep-cat", away!.Rep);
        Assert.Contains(new SkippedRep("rep-cat", RepStanding.Unavailable), away.Skipped);
    }

    [Fact]
    public async Task Availability_that_has_run_out_counts_as_available()
    {
        _availability["rep-dan"] = new RepAvailability(false, Now.AddMinutes(-1));

        var assignment = await Assigner().AssignAsync(Request("CA"), Now, CancellationToken.None);

        Assert.Equal("rep-dan", assignment!.Rep);
    }

    [Fact]
    public async Task A_rep_at_capacity_is_passed_by()
    {
        var playbook = PlaybookJson.Default();
        var inbound = playbook.Routing.FindTeam("inbound-sales")!;
        var limited = inbound with { Reps = [.. inbound.Reps.Select(r => r.Id == "rep-ann" ? r with { Capacity = 5 } : r)] };
        playbook = playbook with { Routing = playbook.Routing with { Teams = [limited, playbook.Routing.FindTeam("canada-sales")!] } };
        var openNew = new LeadFilter(Status: LeadStatus.New);
        _queries.Setup(q => q.CountByOwnerAsync(openNew, It.IsAny<CancellationToken>())).ReturnsAsync(new Dictionary<string, int> { ["rep-ann"] = 5 });

        var assignment = await Assigner(playbook).AssignAsync(Request(), Now, CancellationToken.None);

        Assert.Equal("rep-ben", assignment!.Rep);
        Assert.Equal([new SkippedRep("rep-ann", RepStanding.AtCapacity)], assignment.Skipped.ToArray());
    }

    [Fact]
    public async Task Nobody_available_leaves_the_lead_in_the_team_queue()
    {
        _availability["rep-dan"] = new RepAvailability(false);

        var assignment = await Assigner().AssignAsync(Request("CA"), Now, CancellationToken.None);

        Assert.Equal(("canada-sales", "canada", (string?)null), (assignment!.Team, assignment.Rule, assignment.Rep));
        Assert.Contains("team queue", assignment.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _saves);
    }

    [Fact]
    public async Task A_lost_race_for_the_rotation_picks_again_from_the_new_state()
    {
        var raced = false;
        _roster.Setup(r => r.GetRotationAsync("inbound-sales", It.IsAny<CancellationToken>())).ReturnsAsync(() =>
        {
            var read = new StoredRotation(_rotation, "v" + _saves);
            if (!raced)
            {
                // Another instance takes a turn between this read and the save.
                raced = true;
                _rotation = _rotation.Pick(PlaybookJson.Default().Routing.FindTeam("inbound-sales")!, _ => RepStanding.Available).Next;
                _saves++;
            }

            return read;
        });

        var assignment = await Assigner().AssignAsync(Request(), Now, CancellationToken.None);

        Assert.Equal("rep-ben", assignment!.Rep);
        Assert.Equal(2, _saves);
    }

    [Fact]
    public async Task Without_teams_there_is_no_assignment()
    {
        var playbook = PlaybookJson.Default();
        playbook = playbook with { Routing = new RoutingRules() };

        Assert.Null(await Assigner(playbook).AssignAsync(Request(), Now, CancellationToken.None));
    }
}
