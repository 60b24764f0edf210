using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;
using static LeadFunctions.Domain.Tests.Support.Leads;

namespace LeadFunctions.Domain.Tests;

/// <summary>The sweeps' own commands re-check that the lead is due at the command's time; a stale entry changes nothing.</summary>
public sealed class SweepCommandRulesTests
{
    [Fact]
    public void No_contact_timeout_is_not_due_before_thirty_days()
    {
        var journey = LeadJourney.InSalesInbox(T0);
        var before = journey.Lead;

        var result = journey.Do(TransitionType.NoContactTimeout, T0.AddDays(30).AddTicks(-1), actor: "sweep");

        AssertNotDue(before, result);
    }

    [Fact]
    public void No_contact_timeout_disqualifies_an_unreached_SQL()
    {
        var journey = Leads.In(LeadStatus.ActivelyWorking);

        var lead = journey.Must(TransitionType.NoContactTimeout, T0.AddDays(30));

        Assert.Equal(LeadStatus.Disqualified, lead.Status);
        Assert.Equal(Team.Marketing, lead.OwnerTeam);
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
    }

    [Fact]
    public void No_contact_timeout_after_contact_is_a_stale_entry()
    {
        var journey = LeadJourney.InSalesInbox(T0);
        journey.Must(TransitionType.ContactMade, At(5));
        var before = journey.Lead;

        AssertNotDue(before, journey.Do(TransitionType.NoContactTimeout, T0.AddDays(31)));
    }

    [Fact]
    public void Went_dark_is_not_due_before_ninety_quiet_days()
    {
        var journey = LeadJourney.Nurtured(T0);
        var before = journey.Lead;

        AssertNotDue(before, journey.Do(TransitionType.WentDark, T0.AddDays(89)));
    }

    [Fact]
    public void Went_dark_recycles_a_quiet_lead()
    {
        var journey = Leads.In(LeadStatus.Connected);

        var lead = journey.Must(TransitionType.WentDark, At(1).AddDays(90));

        Assert.Equal(LeadStatus.Recycled, lead.Status);
        Assert.Equal(Team.Marketing, lead.OwnerTeam);
    }

    [Fact]
    public void Went_dark_is_refused_for_a_suppressed_lead()
    {
        var journey = LeadJourney.Nurtured(T0);
        journey.Must(TransitionType.Unsubscribed, At(1));
        var before = journey.Lead;

        AssertNotDue(before, journey.Do(TransitionType.WentDark, T0.AddDays(200)));
    }

    [Fact]
    public void Check_back_due_hands_the_lead_to_sales_flagged_and_schedules_the_next_one()
    {
        var journey = Leads.In(LeadStatus.CheckBackQuarterly);
        var due = journey.Lead.NextCheckBackAt!.Value;
        AssertNotDue(journey.Lead, journey.Do(TransitionType.CheckBackDue, due.AddMinutes(-1)));

        var lead = journey.Must(TransitionType.CheckBackDue, due);

        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.Equal(due, lead.HandedToSalesAt);
        Assert.Equal(LeadFlags.CheckBackDue, lead.Flags);
        Assert.Equal(due.AddMonths(3), lead.NextCheckBackAt);
        AssertNotDue(lead, journey.Do(TransitionType.CheckBackDue, due.AddDays(1)));
    }

    [Fact]
    public void Late_check_back_schedules_the_next_date_after_now()
    {
        var journey = Leads.In(LeadStatus.CheckBackQuarterly);
        var due = journey.Lead.NextCheckBackAt!.Value;
        var late = due.AddMonths(6).AddDays(1);

        var lead = journey.Must(TransitionType.CheckBackDue, late);

        Assert.Equal(due.AddMonths(9), lead.NextCheckBackAt);
        Assert.True(lead.NextCheckBackAt > late);
    }

    [Fact]
    public void Check_back_due_for_a_low_fit_lead_goes_to_nurture_not_the_sales_inbox()
    {
        var journey = LeadJourney.StartWith("pricing", TestData.LowFit(), T0);
        journey.Must(TransitionType.FirstOutreachSent, At(1));
        var due = journey.Must(TransitionType.CheckBackLater, At(2)).NextCheckBackAt!.Value;

        var lead = journey.Must(TransitionType.CheckBackDue, due);

        Assert.Equal(LeadStatus.Nurturing, lead.Status);
        Assert.Equal(Team.Marketing, lead.OwnerTeam);
        Assert.Null(lead.HandedToSalesAt);
        Assert.Equal(due.AddMonths(3), lead.NextCheckBackAt);
    }

    [Fact]
    public void Check_back_kept_with_the_rep_is_flagged_and_comes_round_every_cadence()
    {
        var journey = new LeadJourney(TestData.Default.KeepingCheckBacksWithTheRep());
        journey.Submit("pricing", TestData.GoodFit(), T0);
        var due = journey.Must(TransitionType.CheckBackLater, At(1)).NextCheckBackAt!.Value;

        var first = journey.Must(TransitionType.CheckBackDue, due);
        AssertNotDue(first, journey.Do(TransitionType.CheckBackDue, due.AddDays(1)));
        var second = journey.Must(TransitionType.CheckBackDue, due.AddMonths(3));

        Assert.Equal((LeadStatus.CheckBackQuarterly, LeadFlags.CheckBackDue), (first.Status, first.Flags));
        Assert.Equal(first.HandedToSalesAt, second.HandedToSalesAt);
        Assert.Equal(LeadStatus.CheckBackQuarterly, second.Status);
        Assert.Equal(due.AddMonths(6), second.NextCheckBackAt);
    }

    [Fact]
    public void Opportunity_resurfaces_on_its_date_and_schedules_the_next_one()
    {
        var journey = Leads.In(LeadStatus.DeadOpportunity);
        var due = journey.Lead.NextResurfaceAt!.Value;
        AssertNotDue(journey.Lead, journey.Do(TransitionType.OpportunityResurfaced, due.AddMinutes(-1)));

        var lead = journey.Must(TransitionType.OpportunityResurfaced, due);

        Assert.Equal(LeadFlags.CheckBackDue, lead.Flags);
        Assert.Equal(LeadStatus.DeadOpportunity, lead.Status);
        Assert.Equal(due.AddMonths(6), lead.NextResurfaceAt);
    }

    [Fact]
    public void Late_resurfacing_schedules_the_next_date_after_now()
    {
        var journey = Leads.In(LeadStatus.DeadOpportunity);
        var due = journey.Lead.NextResurfaceAt!.Value;

        var lead = journey.Must(TransitionType.OpportunityResurfaced, due.AddMonths(7));

        Assert.Equal(due.AddMonths(12), lead.NextResurfaceAt);
    }

    [Fact]
    public void The_check_back_sweep_command_must_match_the_lead()
    {
        var deadJourney = Leads.In(LeadStatus.DeadOpportunity);
        var dead = deadJourney.Lead;
        AssertNotDue(dead, deadJourney.Do(TransitionType.CheckBackDue, dead.NextResurfaceAt!.Value));

        var checkBackJourney = Leads.In(LeadStatus.CheckBackQuarterly);
        var checkBack = checkBackJourney.Lead;
        AssertNotDue(checkBack, checkBackJourney.Do(TransitionType.OpportunityResurfaced, checkBack.NextCheckBackAt!.Value));
    }

    [Fact]
    public void Sla_breach_is_flagged_three_business_days_after_entering_New()
    {
        var journey = LeadJourney.InSalesInbox(TestData.Friday);
        var due = new DateTimeOffset(2026, 3, 11, 10, 0, 0, TimeSpan.Zero);
        AssertNotDue(journey.Lead, journey.Do(TransitionType.SlaBreached, due.AddMinutes(-1)));

        var lead = journey.Must(TransitionType.SlaBreached, due);

        Assert.Equal(LeadFlags.SlaBreached, lead.Flags);
        Assert.Equal(LeadStatus.New, lead.Status);
        AssertNotDue(lead, journey.Do(TransitionType.SlaBreached, due.AddDays(1)));
    }

    [Fact]
    public void Sla_breach_is_not_due_once_the_lead_left_New()
    {
        var journey = LeadJourney.InSalesInbox(TestData.Friday);
        journey.Must(TransitionType.FirstOutreachSent, TestData.Friday.AddHours(1));

        AssertNotDue(journey.Lead, journey.Do(TransitionType.SlaBreached, TestData.Friday.AddDays(10)));
    }

    private static void AssertNotDue(Lead before, TransitionResult result)
    {
        Assert.False(result.Applied);
        Assert.Equal(RejectionCode.NotDue, result.Audit.RejectionCode);
        Assert.Equal(before.AtVersion(before.Version + 1), result.Lead);
    }
}
