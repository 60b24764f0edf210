using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Domain.Transitions.Rules;
using static LeadFunctions.Domain.Tests.Support.Leads;

namespace LeadFunctions.Domain.Tests;

/// <summary>A rep's work (seeds 000 and 003): outreach, contact, qualification, meetings, and the ways out.</summary>
public sealed class OutreachRulesTests
{
    [Fact]
    public void First_outreach_moves_New_to_actively_working_and_assigns_the_rep()
    {
        var journey = LeadJourney.InSalesInbox(T0);

        var lead = journey.Must(TransitionType.FirstOutreachSent, At(1));

        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(LeadStatus.ActivelyWorking, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.Equal("rep-ann", lead.Owner);
        Assert.Equal(Stamp.EnteredAt(At(1)), lead.StatusStamps[LeadStatus.ActivelyWorking]);
        Assert.Equal(new Stamp(T0, T0, At(1), TimeSpan.FromHours(1), IsOpen: false), lead.StatusStamps[LeadStatus.New]);
    }

    [Fact]
    public void Owner_in_the_command_data_wins()
    {
        var journey = LeadJourney.InSalesInbox(T0);

        var lead = journey.Must(TransitionType.FirstOutreachSent, At(1), data: new TransitionData { Owner = "rep-bob" });

        Assert.Equal("rep-bob", lead.Owner);
    }

    [Fact]
    public void First_outreach_keeps_an_existing_owner()
    {
        var journey = LeadJourney.Nurtured(T0);
        journey.Must(TransitionType.OwnershipTransferRequested, At(1), data: new TransitionData { Owner = "rep-bob" });

        Assert.Equal("rep-bob", journey.Must(TransitionType.FirstOutreachSent, At(2)).Owner);
    }

    [Fact]
    public void With_SAL_enabled_first_outreach_accepts_a_marketing_lead_into_SAL()
    {
        var journey = LeadJourney.Nurtured(T0, TestData.Default.WithSalEnabled());

        var lead = journey.Must(TransitionType.FirstOutreachSent, At(1));

        Assert.Equal(LifecycleStage.SAL, lead.Stage);
        Assert.Equal(LeadStatus.ActivelyWorking, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.False(lead.StageStamps[LifecycleStage.MQL].IsOpen);
        Assert.Equal(Stamp.EnteredAt(At(1)), lead.StageStamps[LifecycleStage.SAL]);
    }

    [Fact]
    public void With_SAL_enabled_first_outreach_leaves_an_SQL_in_SQL()
    {
        var journey = LeadJourney.InSalesInbox(T0, TestData.Default.WithSalEnabled());

        var lead = journey.Must(TransitionType.FirstOutreachSent, At(1));

        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.False(lead.StageStamps.ContainsKey(LifecycleStage.SAL));
    }

    [Fact]
    public void Without_SAL_first_outreach_to_an_MQL_keeps_the_stage()
    {
        var journey = LeadJourney.Nurtured(T0);

        var lead = journey.Must(TransitionType.FirstOutreachSent, At(1));

        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Equal(LeadStatus.ActivelyWorking, lead.Status);
    }

    [Fact]
    public void Contact_made_connects_and_records_contact_time()
    {
        var journey = Leads.In(LeadStatus.ActivelyWorking);

        var lead = journey.Must(TransitionType.ContactMade, At(4));

        Assert.Equal(LeadStatus.Connected, lead.Status);
        Assert.Equal(At(4), lead.LastContactAt);
        Assert.Equal(At(4), lead.LastActivityAt);
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
    }

    [Fact]
    public void Late_reported_contact_does_not_move_contact_time_back()
    {
        var journey = LeadJourney.InSalesInbox(T0);
        journey.Must(TransitionType.ContactMade, At(10));

        var lead = journey.Must(TransitionType.ContactMade, At(5));

        Assert.Equal(At(10), lead.LastContactAt);
        Assert.Equal(At(10), lead.LastActivityAt);
    }

    [Theory]
    [InlineData(LeadStatus.New)]
    [InlineData(LeadStatus.Nurturing)]
    [InlineData(LeadStatus.CheckBackQuarterly)]
    public void Qualified_moves_to_at_least_SQL(LeadStatus from)
    {
        var journey = Leads.In(from);

        var lead = journey.Must(TransitionType.Qualified, At(10));

        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(LeadStatus.Qualified, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.Equal(Interest.High, lead.Interest);
    }

    [Fact]
    public void Meeting_scheduled_after_contact_makes_an_opportunity()
    {
        var journey = Leads.In(LeadStatus.Connected);

        var lead = journey.Must(TransitionType.MeetingScheduled, At(5));

        Assert.Equal(LifecycleStage.Opportunity, lead.Stage);
        Assert.Equal(LeadStatus.Qualified, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.Equal(At(5), lead.LastContactAt);
        Assert.Equal(Stamp.EnteredAt(At(5)), lead.StageStamps[LifecycleStage.Opportunity]);
        Assert.False(lead.StageStamps[LifecycleStage.SQL].IsOpen);
    }

    [Fact]
    public void Meeting_scheduled_on_an_open_deal_keeps_the_deal_open()
    {
        var journey = Leads.In(LeadStatus.OpenDeal);

        var lead = journey.Must(TransitionType.MeetingScheduled, At(5));

        Assert.Equal(LeadStatus.OpenDeal, lead.Status);
        Assert.Equal(LifecycleStage.Opportunity, lead.Stage);
    }

    [Fact]
    public void Check_back_later_defaults_to_the_playbook_cadence()
    {
        var journey = Leads.In(LeadStatus.Connected);

        var lead = journey.Must(TransitionType.CheckBackLater, At(5));

        Assert.Equal(LeadStatus.CheckBackQuarterly, lead.Status);
        Assert.Equal(At(5).AddMonths(3), lead.NextCheckBackAt);
    }

    [Fact]
    public void Check_back_later_uses_the_requested_date()
    {
        var journey = Leads.In(LeadStatus.Connected);

        var lead = journey.Must(TransitionType.CheckBackLater, At(5), data: new TransitionData { CheckBackAt = At(24 * 20) });

        Assert.Equal(At(24 * 20), lead.NextCheckBackAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-24)]
    public void Check_back_date_must_be_in_the_future(double hoursFromNow)
    {
        var journey = Leads.In(LeadStatus.Connected);

        var result = journey.Do(TransitionType.CheckBackLater, At(5), data: new TransitionData { CheckBackAt = At(5 + hoursFromNow) });

        Assert.Equal(RejectionCode.MissingData, result.Audit.RejectionCode);
    }

    [Fact]
    public void Not_interested_disqualifies_and_hands_back_to_marketing()
    {
        // A low fit: a good fit that says no is nurtured instead (the Sleeping Giant tests below).
        var journey = LeadJourney.StartWith("pricing", TestData.LowFit(), T0, TestData.Default.LettingLowFitHandRaisersIn());
        journey.Must(TransitionType.ContactMade, At(1));

        var lead = journey.Must(TransitionType.NotInterested, At(5));

        Assert.Equal(LeadStatus.Disqualified, lead.Status);
        Assert.Equal(Team.Marketing, lead.OwnerTeam);
        Assert.Equal(Interest.Low, lead.Interest);
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
    }

    [Fact]
    public void Not_interested_from_a_good_fit_nurtures_it_as_a_sleeping_giant()
    {
        var lead = Leads.In(LeadStatus.Connected).Lead;

        var next = OutreachRules.NotInterested(lead, TestData.Command(TransitionType.NotInterested, At(5)), TestData.Default).Next!;

        Assert.Equal(Quadrant.LowInterestGoodFit, next.Quadrant);
        Assert.Equal(LeadStatus.Nurturing, next.Status);
        Assert.Equal(Team.Marketing, next.OwnerTeam);
        Assert.Equal(Interest.Low, next.Interest);
        Assert.Equal(LifecycleStage.SQL, next.Stage);
    }

    [Fact]
    public void Not_interested_from_a_low_fit_disqualifies_it()
    {
        var lead = LeadJourney.StartWith("pricing", TestData.LowFit(), T0).Lead;

        var next = OutreachRules.NotInterested(lead, TestData.Command(TransitionType.NotInterested, At(5)), TestData.Default).Next!;

        Assert.Equal(Quadrant.LowInterestLowFit, next.Quadrant);
        Assert.Equal(LeadStatus.Disqualified, next.Status);
        Assert.Equal(Team.Marketing, next.OwnerTeam);
    }

    [Fact]
    public void Not_interested_from_a_good_fit_disqualifies_it_when_the_playbook_names_no_status()
    {
        var lead = Leads.In(LeadStatus.Connected).Lead;
        var playbook = TestData.Default.WithoutNotInterestedStatuses();

        var next = OutreachRules.NotInterested(lead, TestData.Command(TransitionType.NotInterested, At(5)), playbook).Next!;

        Assert.Equal(LeadStatus.Disqualified, next.Status);
        Assert.Equal(Team.Marketing, next.OwnerTeam);
    }

    [Fact]
    public void Bad_fit_marks_the_lead_low_fit_for_marketing()
    {
        var journey = Leads.In(LeadStatus.Connected);

        var lead = journey.Must(TransitionType.BadFit, At(5));

        Assert.Equal(LeadStatus.BadFit, lead.Status);
        Assert.Equal(Team.Marketing, lead.OwnerTeam);
        Assert.Equal(Fit.Low, lead.Fit);
        Assert.Equal(Quadrant.HighInterestLowFit, lead.Quadrant);
    }

    [Fact]
    public void Ownership_transfer_moves_an_MQL_to_the_sales_inbox()
    {
        var journey = LeadJourney.Nurtured(T0);

        var lead = journey.Must(TransitionType.OwnershipTransferRequested, At(3));

        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.Equal(At(3), lead.HandedToSalesAt);
    }

    [Fact]
    public void Ownership_transfer_overrides_low_fit()
    {
        var journey = LeadJourney.StartWith("whitepaper", TestData.LowFit(), T0);

        var lead = journey.Must(TransitionType.OwnershipTransferRequested, At(3));

        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
    }

    [Fact]
    public void Ownership_transfer_of_a_sales_owned_lead_is_rejected()
    {
        var journey = LeadJourney.InSalesInbox(T0);
        var before = journey.Lead;

        var result = journey.Do(TransitionType.OwnershipTransferRequested, At(3));

        Assert.False(result.Applied);
        Assert.Equal(RejectionCode.AlreadySalesOwned, result.Audit.RejectionCode);
        Assert.Equal(before.AtVersion(before.Version + 1), result.Lead);
    }

    [Fact]
    public void Ownership_transfer_of_a_disqualified_SQL_back_with_marketing_is_allowed()
    {
        var journey = Leads.In(LeadStatus.Disqualified);

        var lead = journey.Must(TransitionType.OwnershipTransferRequested, At(3));

        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.Equal(At(3), lead.HandedToSalesAt);
    }
}
