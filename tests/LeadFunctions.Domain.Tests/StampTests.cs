using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;
using static LeadFunctions.Domain.Tests.Support.Leads;

namespace LeadFunctions.Domain.Tests;

/// <summary>Date stamps per stage and status (seed 001): first / most recent entry, and time in across visits.</summary>
public sealed class StampTests
{
    [Fact]
    public void New_stamp_is_open_with_no_time_in_closed_visits()
    {
        var stamp = Stamp.EnteredAt(T0);

        Assert.True(stamp.IsOpen);
        Assert.Equal(T0, stamp.FirstEnteredAt);
        Assert.Equal(T0, stamp.LastEnteredAt);
        Assert.Null(stamp.LastExitedAt);
        Assert.Equal(TimeSpan.Zero, stamp.TimeInClosedVisits);
        Assert.Equal(TimeSpan.FromHours(5), stamp.TimeInAsOf(At(5)));
    }

    [Fact]
    public void Exiting_closes_the_stamp_and_banks_the_visit()
    {
        var stamp = Stamp.EnteredAt(T0).ExitedAt(At(3));

        Assert.False(stamp.IsOpen);
        Assert.Equal(At(3), stamp.LastExitedAt);
        Assert.Equal(TimeSpan.FromHours(3), stamp.TimeInClosedVisits);
        Assert.Equal(TimeSpan.FromHours(3), stamp.TimeInAsOf(At(100)));
    }

    [Fact]
    public void Exiting_a_closed_stamp_changes_nothing()
    {
        var closed = Stamp.EnteredAt(T0).ExitedAt(At(3));

        Assert.Equal(closed, closed.ExitedAt(At(9)));
    }

    [Fact]
    public void Re_entering_keeps_the_first_entry_and_counts_every_visit()
    {
        var stamp = Stamp.EnteredAt(T0).ExitedAt(At(3)).ReEnteredAt(At(5));

        Assert.True(stamp.IsOpen);
        Assert.Equal(T0, stamp.FirstEnteredAt);
        Assert.Equal(At(5), stamp.LastEnteredAt);
        Assert.Equal(TimeSpan.FromHours(3 + 2), stamp.TimeInAsOf(At(7)));
        Assert.Equal(TimeSpan.FromHours(3 + 4), stamp.ExitedAt(At(9)).TimeInClosedVisits);
    }

    [Fact]
    public void Re_entering_at_the_instant_of_leaving_leaves_the_stamp_open()
    {
        var stamp = Stamp.EnteredAt(T0).ExitedAt(At(3)).ReEnteredAt(At(3));

        Assert.True(stamp.IsOpen, "the visit that started at the exit instant is the current one");
        Assert.Equal(TimeSpan.FromHours(3 + 2), stamp.ExitedAt(At(5)).TimeInClosedVisits);
    }

    [Fact]
    public void Exiting_with_a_time_before_the_last_entry_still_closes_the_stamp()
    {
        var stamp = Stamp.EnteredAt(At(5)).ExitedAt(At(4));

        Assert.False(stamp.IsOpen, "an exit always ends the visit, even one reported late");
        Assert.Equal(TimeSpan.Zero, stamp.TimeInClosedVisits);
    }

    [Fact]
    public void Stage_stamps_accumulate_across_a_regress_and_a_second_visit()
    {
        var journey = LeadJourney.Nurtured(T0);
        journey.Must(TransitionType.OwnershipTransferRequested, At(1));
        journey.Must(TransitionType.Regress, At(3), "not ready yet", new TransitionData { ToStage = LifecycleStage.MQL });

        var lead = journey.Must(TransitionType.OwnershipTransferRequested, At(6));

        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(new Stamp(T0, At(3), At(6), TimeSpan.FromHours(1 + 3), IsOpen: false), lead.StageStamps[LifecycleStage.MQL]);
        Assert.Equal(new Stamp(At(1), At(6), At(3), TimeSpan.FromHours(2), IsOpen: true), lead.StageStamps[LifecycleStage.SQL]);
        Assert.True(lead.StageStamps[LifecycleStage.SQL].IsOpen);
        Assert.False(lead.StageStamps[LifecycleStage.MQL].IsOpen);
        Assert.Equal(TimeSpan.FromHours(2 + 4), lead.StageStamps[LifecycleStage.SQL].TimeInAsOf(At(10)));
        Assert.Equal(At(6), lead.EnteredStageAt);
    }

    [Fact]
    public void Status_stamps_accumulate_across_visits()
    {
        var journey = LeadJourney.InSalesInbox(T0);
        journey.Must(TransitionType.FirstOutreachSent, At(2));
        journey.Must(TransitionType.CheckBackLater, At(5));

        var lead = journey.Must(TransitionType.FirstOutreachSent, At(9));

        Assert.Equal(new Stamp(At(2), At(9), At(5), TimeSpan.FromHours(3), IsOpen: true), lead.StatusStamps[LeadStatus.ActivelyWorking]);
        Assert.Equal(new Stamp(At(5), At(5), At(9), TimeSpan.FromHours(4), IsOpen: false), lead.StatusStamps[LeadStatus.CheckBackQuarterly]);
        Assert.Equal(new Stamp(T0, T0, At(2), TimeSpan.FromHours(2), IsOpen: false), lead.StatusStamps[LeadStatus.New]);
        Assert.Equal(At(9), lead.EnteredStatusAt);
    }

    [Fact]
    public void Regress_and_advance_at_the_same_instant_keep_the_current_stage_open()
    {
        var journey = LeadJourney.Nurtured(T0);
        journey.Must(TransitionType.OwnershipTransferRequested, At(1));
        journey.Must(TransitionType.Regress, At(3), "misrouted", new TransitionData { ToStage = LifecycleStage.MQL });

        var lead = journey.Must(TransitionType.OwnershipTransferRequested, At(3));

        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.True(lead.StageStamps[LifecycleStage.SQL].IsOpen, "the current stage's stamp must be open");
    }

    [Fact]
    public void Late_reported_command_closes_the_status_it_leaves()
    {
        // Outreach logged at 02:00, the CRM then reports contact that happened at 01:00.
        var journey = LeadJourney.InSalesInbox(T0);
        journey.Must(TransitionType.FirstOutreachSent, At(2));

        var lead = journey.Must(TransitionType.ContactMade, At(1));

        Assert.Equal(LeadStatus.Connected, lead.Status);
        Assert.Equal([LeadStatus.Connected], lead.StatusStamps.Where(p => p.Value.IsOpen).Select(p => p.Key));
    }

    [Fact]
    public void Entering_and_leaving_stamp_the_same_instant()
    {
        var journey = LeadJourney.InSalesInbox(T0);

        var lead = journey.Must(TransitionType.ContactMade, At(4));

        Assert.Equal(lead.StatusStamps[LeadStatus.New].LastExitedAt, lead.StatusStamps[LeadStatus.Connected].LastEnteredAt);
    }
}
