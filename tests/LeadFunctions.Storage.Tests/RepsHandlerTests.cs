using LeadFunctions.Domain.Routing;
using LeadFunctions.Engine.Routing;

namespace LeadFunctions.Storage.Tests;

/// <summary>Reps as data on Azurite: every rep of the playbook listed with availability and weight; availability set and ended.</summary>
public sealed class RepsHandlerTests : IDisposable
{
    private readonly StorageHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private RepsHandler Reps => _harness.Get<RepsHandler>();

    [Fact]
    public async Task Every_rep_is_listed_available_until_told_otherwise()
    {
        var reps = await Reps.ListAsync(CancellationToken.None);

        Assert.Equal(["rep-ann", "rep-ben", "rep-cat", "rep-dan"], reps.Select(r => r.Id));
        Assert.All(reps, r => Assert.True(r.Available));
        Assert.Equal(2, reps.Single(r => r.Id == "rep-ann").Weight);
        Assert.Equal("canada-sales", reps.Single(r => r.Id == "rep-dan").Team);
    }

    [Fact]
    public async Task Out_of_office_until_a_time_ends_by_itself()
    {
        var until = _harness.Clock.GetUtcNow().AddDays(5);

        Assert.Equal(AvailabilityResult.Saved, (await Reps.SetAvailabilityAsync("rep-ben", new RepAvailability(false, until), CancellationToken.None)).Result);
        var away = (await Reps.ListAsync(CancellationToken.None)).Single(r => r.Id == "rep-ben");
        _harness.Clock.Advance(TimeSpan.FromDays(5));
        var back = (await Reps.ListAsync(CancellationToken.None)).Single(r => r.Id == "rep-ben");

        Assert.False(away.Available);
        Assert.Equal(until, away.UnavailableUntil);
        Assert.True(back.Available);
        Assert.Null(back.UnavailableUntil);
    }

    [Fact]
    public async Task Unknown_reps_and_past_end_times_are_refused_and_nothing_is_stored()
    {
        Assert.Equal(AvailabilityResult.UnknownRep, (await Reps.SetAvailabilityAsync("rep-zed", new RepAvailability(false), CancellationToken.None)).Result);
        Assert.Equal(
            AvailabilityResult.UntilInThePast,
            (await Reps.SetAvailabilityAsync("rep-ann", new RepAvailability(false, _harness.Clock.GetUtcNow().AddHours(-1)), CancellationToken.None)).Result);

        Assert.All(await Reps.ListAsync(CancellationToken.None), r => Assert.True(r.Available));
    }
}
