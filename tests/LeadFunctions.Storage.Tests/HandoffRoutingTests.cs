using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Routing;
using LeadFunctions.Engine.Views;

namespace LeadFunctions.Storage.Tests;

/// <summary>
/// Routing at the handoff, on Azurite through the engine as the hosts wire it: the team queue when nobody can take a
/// lead and its draining (a rep's return, the retry sweep), the reverse handoff and the way back to a recent owner, and
/// a manual reassignment.
/// </summary>
public sealed class HandoffRoutingTests : IDisposable
{
    private static readonly (string, string)[] GoodFitUs = [("employees", "300"), ("country", "US"), ("jobTitle", "VP Sales")];
    private readonly StorageHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    private RepsHandler Reps => _harness.Get<RepsHandler>();

    private DateTimeOffset Now => _harness.Clock.GetUtcNow();

    private async Task<Lead> LeadAsync(string leadId) => (await _harness.Store.GetAsync(leadId, CancellationToken.None))!.Lead;

    private async Task AwayAsync(params (string Rep, DateTimeOffset? Until)[] reps)
    {
        foreach (var (rep, until) in reps)
        {
            Assert.Equal(AvailabilityResult.Saved, (await Reps.SetAvailabilityAsync(rep, new RepAvailability(false, until), CancellationToken.None)).Result);
        }
    }

    [Fact]
    public async Task A_lead_reaching_sales_is_owned_at_once_and_its_history_says_why()
    {
        var submitted = await _harness.SubmitAsync("pricing", "owned-at-once@acme-corp.com", null, GoodFitUs);

        var lead = await LeadAsync(submitted.LeadId!);
        var history = await _harness.Store.GetHistoryAsync(submitted.LeadId!, CancellationToken.None);

        Assert.Equal((LeadStatus.New, "inbound-sales"), (lead.Status, lead.SalesTeam));
        Assert.Equal(lead.Assignment!.Rep, lead.Owner);
        Assert.Contains("weighted rotation", lead.Assignment.Reason, StringComparison.Ordinal);
        var line = Assert.Single(history);
        Assert.Equal((null, lead.Owner), (line.FromOwner, line.ToOwner));
        Assert.Equal(lead.Assignment, line.Assignment);
    }

    [Fact]
    public async Task A_known_persons_hand_raise_on_an_instance_that_does_not_know_them_costs_the_rotation_nothing()
    {
        var first = await _harness.SubmitAsync("pricing", "known@acme-corp.com", null, GoodFitUs);
        var owner = (await LeadAsync(first.LeadId!)).Owner;
        using var other = _harness.SecondInstance();

        // The other instance guesses a new person, places the lead with a rep, and finds the lead stored and owned.
        await other.SubmitAsync("contact-us", "known@acme-corp.com", null, GoodFitUs);

        Assert.Equal(owner, (await LeadAsync(first.LeadId!)).Owner);
        var rotation = (await _harness.Get<Engine.Ports.IRepRoster>().GetRotationAsync("inbound-sales", CancellationToken.None)).Rotation;
        Assert.Equal(1, rotation.Counts.Values.Sum());
        Assert.Equal([owner], rotation.Recent.Select(r => r.Rep));
    }

    [Fact]
    public async Task With_nobody_available_the_lead_waits_in_the_team_queue_and_a_returning_rep_is_offered_it_at_once()
    {
        await AwayAsync(("rep-ann", null), ("rep-ben", null), ("rep-cat", null));

        var submitted = await _harness.SubmitAsync("pricing", "queued@acme-corp.com", null, GoodFitUs);
        var queued = await LeadAsync(submitted.LeadId!);
        var change = await Reps.SetAvailabilityAsync("rep-ben", new RepAvailability(true), CancellationToken.None);
        await _harness.DrainQueueAsync();
        var placed = await LeadAsync(submitted.LeadId!);

        Assert.Null(queued.Owner);
        Assert.Equal("inbound-sales", queued.SalesTeam);
        Assert.True(queued.Flags.HasFlag(LeadFlags.Unassigned));
        Assert.Equal(["rep-ann", "rep-ben", "rep-cat"], queued.Assignment!.Skipped.Select(s => s.Rep));
        Assert.Equal(Now.AddMinutes(60), queued.Assignment.RetryAt);
        Assert.Equal(1, change.QueuedLeadsOffered);
        Assert.Equal("rep-ben", placed.Owner);
        Assert.False(placed.Flags.HasFlag(LeadFlags.Unassigned));
        Assert.Empty(await _harness.Get<ILeadQueries>().CountByOwnerAsync(new LeadFilter(Flag: LeadFlags.Unassigned), CancellationToken.None));
    }

    [Fact]
    public async Task A_queued_lead_is_tried_again_when_the_first_rep_said_they_would_be_back()
    {
        var back = Now.AddMinutes(20);
        await AwayAsync(("rep-ann", Now.AddDays(3)), ("rep-ben", back), ("rep-cat", null));
        var submitted = await _harness.SubmitAsync("pricing", "retry@acme-corp.com", null, GoodFitUs);
        var queued = await LeadAsync(submitted.LeadId!);

        _harness.Clock.Advance(TimeSpan.FromMinutes(10));
        var early = await _harness.SweepAndApplyAsync(SweepKind.AssignQueued);
        _harness.Clock.Advance(TimeSpan.FromMinutes(10));
        var due = await _harness.SweepAndApplyAsync(SweepKind.AssignQueued);

        Assert.Equal(back, queued.Assignment!.RetryAt);
        Assert.Equal(0, early.Queued);
        Assert.Equal(1, due.Queued);
        Assert.Equal("rep-ben", (await LeadAsync(submitted.LeadId!)).Owner);
    }

    [Fact]
    public async Task Handing_back_clears_the_rep_and_a_hand_raised_again_soon_goes_back_to_them()
    {
        var submitted = await _harness.SubmitAsync("pricing", "handed-back@acme-corp.com", null, GoodFitUs);
        var rep = (await LeadAsync(submitted.LeadId!)).Owner!;

        await _harness.ApplyAsync(submitted.LeadId!, TransitionType.NotInterested);
        var handedBack = await LeadAsync(submitted.LeadId!);
        var repView = await _harness.Get<ILeadQueries>().CountByOwnerAsync(new LeadFilter(), CancellationToken.None);
        _harness.Clock.Advance(TimeSpan.FromDays(20));
        await _harness.SubmitAsync("contact-us", "handed-back@acme-corp.com", null, GoodFitUs);
        var again = await LeadAsync(submitted.LeadId!);

        Assert.Null(handedBack.Owner);
        Assert.Null(handedBack.SalesTeam);
        Assert.Equal(Team.Marketing, handedBack.OwnerTeam);
        Assert.Equal(rep, handedBack.PreviousOwner!.Rep);
        Assert.False(repView.ContainsKey(rep));
        Assert.Equal((LeadStatus.New, rep, "previous-owner"), (again.Status, again.Owner, again.Assignment!.Rule));
    }

    [Fact]
    public async Task A_manual_reassignment_names_the_rep_and_why_and_is_refused_without_a_reason_or_for_a_stranger()
    {
        var submitted = await _harness.SubmitAsync("pricing", "reassigned@acme-corp.com", null, GoodFitUs);
        var routedTo = (await LeadAsync(submitted.LeadId!)).Owner;
        var target = routedTo == "rep-cat" ? "rep-ben" : "rep-cat";

        var noReason = await _harness.ApplyAsync(submitted.LeadId!, TransitionType.Reassigned, new TransitionData { Owner = target });
        var stranger = await _harness.ApplyAsync(submitted.LeadId!, TransitionType.Reassigned, new TransitionData { Owner = "rep-zed" }, reason: "covering");
        var applied = await _harness.ApplyAsync(submitted.LeadId!, TransitionType.Reassigned, new TransitionData { Owner = target }, reason: "speaks German");
        var lead = await LeadAsync(submitted.LeadId!);

        Assert.Equal(RejectionCode.ReasonRequired, noReason.Audit!.RejectionCode);
        Assert.Equal(RejectionCode.UnknownRep, stranger.Audit!.RejectionCode);
        Assert.Equal(OutcomeKind.Applied, applied.Kind);
        Assert.Equal(target, lead.Owner);
        Assert.Equal(routedTo, lead.PreviousOwner!.Rep);
        Assert.Equal("reassigned by rep-1: speaks German", lead.Assignment!.Reason);
        Assert.Equal((routedTo, target), (applied.Audit!.FromOwner, applied.Audit.ToOwner));
    }
}
