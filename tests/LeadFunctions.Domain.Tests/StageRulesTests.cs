using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;
using static LeadFunctions.Domain.Tests.Support.Leads;

namespace LeadFunctions.Domain.Tests;

/// <summary>Explicit stage moves: forward to a named stage, or the one sanctioned way backwards.</summary>
public sealed class StageRulesTests
{
    [Fact]
    public void Stage_advanced_moves_forward_with_an_optional_status()
    {
        var journey = LeadJourney.Nurtured(T0);

        var lead = journey.Must(TransitionType.StageAdvanced, At(1), data: new TransitionData { ToStage = LifecycleStage.Opportunity, ToStatus = LeadStatus.Qualified });

        Assert.Equal(LifecycleStage.Opportunity, lead.Stage);
        Assert.Equal(LeadStatus.Qualified, lead.Status);
        Assert.Equal(Stamp.EnteredAt(At(1)), lead.StageStamps[LifecycleStage.Opportunity]);
        Assert.Equal(new Stamp(T0, T0, At(1), TimeSpan.FromHours(1), IsOpen: false), lead.StageStamps[LifecycleStage.MQL]);
    }

    [Fact]
    public void Stage_advanced_without_a_status_keeps_the_status()
    {
        var journey = LeadJourney.Nurtured(T0);

        var lead = journey.Must(TransitionType.StageAdvanced, At(1), data: new TransitionData { ToStage = LifecycleStage.SQL });

        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(LeadStatus.Nurturing, lead.Status);
    }

    [Theory]
    [InlineData(null, RejectionCode.MissingData)]
    [InlineData(LifecycleStage.SAL, RejectionCode.StageDisabled)]
    [InlineData(LifecycleStage.SQL, RejectionCode.StageWouldRegress)]
    [InlineData(LifecycleStage.MQL, RejectionCode.StageWouldRegress)]
    public void Stage_advanced_refuses_a_missing_disabled_or_backward_target(LifecycleStage? target, string code)
    {
        var journey = LeadJourney.InSalesInbox(T0);

        var result = journey.Do(TransitionType.StageAdvanced, At(1), data: new TransitionData { ToStage = target });

        Assert.Equal(code, result.Audit.RejectionCode);
        Assert.Equal(LifecycleStage.SQL, result.Lead.Stage);
    }

    [Fact]
    public void Stage_advanced_to_SAL_works_when_the_playbook_enables_it()
    {
        var journey = LeadJourney.Nurtured(T0, TestData.Default.WithSalEnabled());

        Assert.Equal(LifecycleStage.SAL, journey.Must(TransitionType.StageAdvanced, At(1), data: new TransitionData { ToStage = LifecycleStage.SAL }).Stage);
    }

    [Fact]
    public void Regress_with_a_reason_moves_back_and_hands_the_lead_to_the_stage_owner()
    {
        var journey = Leads.In(LeadStatus.Connected);

        var lead = journey.Must(TransitionType.Regress, At(5), "priorities shifted", new TransitionData { ToStage = LifecycleStage.MQL, ToStatus = LeadStatus.Nurturing });

        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Equal(LeadStatus.Nurturing, lead.Status);
        Assert.Equal(Team.Marketing, lead.OwnerTeam);
        Assert.False(lead.StageStamps[LifecycleStage.SQL].IsOpen);
        Assert.Equal(Stamp.EnteredAt(At(5)), lead.StageStamps[LifecycleStage.MQL]);
        Assert.Equal("priorities shifted", journey.Last!.Audit.Reason);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Regress_requires_a_reason(string? reason)
    {
        var journey = LeadJourney.InSalesInbox(T0);

        var result = journey.Do(TransitionType.Regress, At(1), reason, new TransitionData { ToStage = LifecycleStage.MQL });

        Assert.Equal(RejectionCode.ReasonRequired, result.Audit.RejectionCode);
        Assert.Equal(LifecycleStage.SQL, result.Lead.Stage);
    }

    [Theory]
    [InlineData(LifecycleStage.SQL)]
    [InlineData(LifecycleStage.Opportunity)]
    public void Regress_to_the_same_or_a_later_stage_is_not_a_regress(LifecycleStage target)
    {
        var journey = LeadJourney.InSalesInbox(T0);

        var result = journey.Do(TransitionType.Regress, At(1), "why not", new TransitionData { ToStage = target });

        Assert.Equal(RejectionCode.NotARegress, result.Audit.RejectionCode);
        Assert.Equal(LifecycleStage.SQL, result.Lead.Stage);
    }

    [Fact]
    public void Regress_to_a_disabled_stage_is_refused()
    {
        var journey = Leads.In(LeadStatus.OpenDeal);

        var result = journey.Do(TransitionType.Regress, At(5), "re-accept", new TransitionData { ToStage = LifecycleStage.SAL });

        Assert.Equal(RejectionCode.StageDisabled, result.Audit.RejectionCode);
        Assert.Equal(LifecycleStage.Opportunity, result.Lead.Stage);
    }

    [Fact]
    public void Regress_without_a_target_is_missing_data()
    {
        var journey = LeadJourney.InSalesInbox(T0);

        Assert.Equal(RejectionCode.MissingData, journey.Do(TransitionType.Regress, At(1), "because").Audit.RejectionCode);
    }

    [Theory]
    [InlineData(LifecycleStage.Opportunity)]
    [InlineData(LifecycleStage.SQL)]
    [InlineData(LifecycleStage.MQL)]
    public void Regress_of_a_customer_is_refused_by_default(LifecycleStage target)
    {
        var journey = Leads.In(LeadStatus.CurrentCustomer);
        var before = journey.Lead;

        var result = journey.Do(TransitionType.Regress, At(5), "deal was booked by mistake", new TransitionData { ToStage = target, ToStatus = LeadStatus.New });

        Assert.Equal(RejectionCode.RegressNotAllowed, result.Audit.RejectionCode);
        Assert.Equal(LifecycleStage.Customer, result.Lead.Stage);
        Assert.Equal(before.Status, result.Lead.Status);
        Assert.Equal(before.OwnerTeam, result.Lead.OwnerTeam);
    }

    [Fact]
    public void Regress_of_a_lead_marked_current_customer_below_the_customer_stage_is_refused_by_default()
    {
        var journey = LeadJourney.InSalesInbox(T0);
        journey.Must(TransitionType.StageAdvanced, At(1), data: new TransitionData { ToStage = LifecycleStage.Opportunity, ToStatus = LeadStatus.CurrentCustomer });

        var result = journey.Do(TransitionType.Regress, At(5), "wrong status", new TransitionData { ToStage = LifecycleStage.SQL });

        Assert.Equal(RejectionCode.RegressNotAllowed, result.Audit.RejectionCode);
        Assert.Equal(LifecycleStage.Opportunity, result.Lead.Stage);
    }

    [Fact]
    public void Regress_of_a_customer_goes_only_where_the_playbook_allows()
    {
        var playbook = TestData.Default.AllowingRegress(LifecycleStage.Customer, LifecycleStage.SQL);
        var journey = new LeadJourney(playbook);
        journey.Submit("pricing", TestData.GoodFit(), T0);
        journey.Must(TransitionType.ContactMade, At(1));
        journey.Must(TransitionType.DealCreated, At(2));
        journey.Must(TransitionType.DealWon, At(3));

        var refused = journey.Do(TransitionType.Regress, At(4), "not a customer yet", new TransitionData { ToStage = LifecycleStage.MQL });
        var lead = journey.Must(TransitionType.Regress, At(5), "not a customer yet", new TransitionData { ToStage = LifecycleStage.SQL, ToStatus = LeadStatus.Connected });

        Assert.Equal(RejectionCode.RegressNotAllowed, refused.Audit.RejectionCode);
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(LeadStatus.Connected, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
    }

    [Fact]
    public void A_listed_regress_target_narrows_the_default_for_an_earlier_stage()
    {
        var playbook = TestData.Default.AllowingRegress(LifecycleStage.Opportunity, LifecycleStage.SQL);
        var journey = LeadJourney.InSalesInbox(T0, playbook);
        journey.Must(TransitionType.ContactMade, At(1));
        journey.Must(TransitionType.MeetingScheduled, At(1));

        var refused = journey.Do(TransitionType.Regress, At(2), "too early", new TransitionData { ToStage = LifecycleStage.MQL });
        var lead = journey.Must(TransitionType.Regress, At(3), "meeting fell through", new TransitionData { ToStage = LifecycleStage.SQL });

        Assert.Equal(RejectionCode.RegressNotAllowed, refused.Audit.RejectionCode);
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
    }
}
