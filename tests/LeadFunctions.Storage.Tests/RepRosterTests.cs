using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Storage.Tests;

/// <summary>Availability and rotation rows on Azurite: round trips, and a rotation saved only at the version it was read.</summary>
public sealed class RepRosterTests : IDisposable
{
    private static readonly TeamDefinition Inbound = PlaybookJson.Default().Routing.FindTeam("inbound-sales")!;
    private readonly StorageHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private IRepRoster Roster => _harness.Get<IRepRoster>();

    [Fact]
    public async Task Availability_round_trips_and_unset_reps_are_not_listed()
    {
        var until = new DateTimeOffset(2026, 11, 9, 8, 0, 0, TimeSpan.Zero);
        await Roster.SetAvailabilityAsync("rep-ben", new RepAvailability(false, until), CancellationToken.None);
        await Roster.SetAvailabilityAsync("rep-cat", new RepAvailability(false), CancellationToken.None);
        await Roster.SetAvailabilityAsync("rep-cat", RepAvailability.Always, CancellationToken.None);

        var all = await Roster.GetAvailabilityAsync(CancellationToken.None);

        Assert.Equal(new RepAvailability(false, until), all["rep-ben"]);
        Assert.Equal(RepAvailability.Always, all["rep-cat"]);
        Assert.False(all.ContainsKey("rep-ann"));
    }

    [Fact]
    public async Task A_rotation_saved_by_another_instance_in_between_is_not_overwritten()
    {
        var read = await Roster.GetRotationAsync("inbound-sales", CancellationToken.None);
        Assert.Null(read.ETag);
        var first = read.Rotation.Pick(Inbound, _ => RepStanding.Available);
        Assert.True(await Roster.TrySaveRotationAsync("inbound-sales", first.Next, read.ETag, CancellationToken.None));

        // A second instance read nothing either and tries to create the row too: it loses and must pick again.
        using var other = _harness.SecondInstance();
        Assert.False(await other.Get<IRepRoster>().TrySaveRotationAsync("inbound-sales", first.Next, null, CancellationToken.None));

        var again = await Roster.GetRotationAsync("inbound-sales", CancellationToken.None);
        Assert.Equal(first.Next.Passes.ToDictionary(), again.Rotation.Passes.ToDictionary());
        Assert.Equal(first.Next.VirtualTime, again.Rotation.VirtualTime);

        var second = again.Rotation.Pick(Inbound, _ => RepStanding.Available);
        Assert.True(await Roster.TrySaveRotationAsync("inbound-sales", second.Next, again.ETag, CancellationToken.None));
        Assert.False(await Roster.TrySaveRotationAsync("inbound-sales", second.Next, again.ETag, CancellationToken.None));
    }

    [Fact]
    public async Task Roster_rows_never_show_up_in_rep_views()
    {
        await _harness.SubmitAsync("pricing", "roster-view@acme-analytics.com", extra: [("country", "US")]);
        await Roster.SetAvailabilityAsync("rep-ann", new RepAvailability(false), CancellationToken.None);

        var page = await _harness.Get<LeadFunctions.Engine.Views.ILeadQueries>().ListAsync(new(), 100, null, CancellationToken.None);

        Assert.Single(page.Leads);
    }
}
