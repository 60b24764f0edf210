using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;
using static LeadFunctions.Domain.Tests.Support.Leads;

namespace LeadFunctions.Domain.Tests;

/// <summary>Deals (seed 000): Open Deal, Current Customer, Dead Opportunity.</summary>
public sealed class DealRulesTests
{
    [Fact]
    public void Deal_created_opens_a_deal_at_the_opportunity_stage()
    {
        var journey = Leads.In(LeadStatus.Connected);

        var lead = journey.Must(TransitionType.DealCreated, At(5));

        Assert.Equal(LifecycleStage.Opportunity, lead.Stage);
        Assert.Equal(LeadStatus.OpenDeal, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.Equal(Stamp.EnteredAt(At(5)), lead.StageStamps[LifecycleStage.Opportunity]);
    }

    [Fact]
    public void Deal_created_beyond_opportunity_keeps_the_stage()
    {
        var journey = Leads.In(LeadStatus.Connected);
        journey.Must(TransitionType.StageAdvanced, At(2), data: new TransitionData { ToStage = LifecycleStage.Customer, ToStatus = LeadStatus.Qualified });

        var lead = journey.Must(TransitionType.DealCreated, At(5));

        Assert.Equal(LifecycleStage.Customer, lead.Stage);
        Assert.Equal(LeadStatus.OpenDeal, lead.Status);
    }

    [Fact]
    public void Deal_won_makes_a_current_customer_and_clears_follow_ups()
    {
        var journey = Leads.In(LeadStatus.OpenDeal);

        var lead = journey.Must(TransitionType.DealWon, At(10));

        Assert.Equal(LifecycleStage.Customer, lead.Stage);
        Assert.Equal(LeadStatus.CurrentCustomer, lead.Status);
        Assert.Null(lead.NextCheckBackAt);
        Assert.Null(lead.NextResurfaceAt);
        Assert.Equal(LeadFlags.None, lead.Flags);
        Assert.False(lead.StageStamps[LifecycleStage.Opportunity].IsOpen);
    }

    [Fact]
    public void Deal_won_after_a_resurfaced_dead_opportunity_clears_its_flag_and_date()
    {
        var journey = Leads.In(LeadStatus.DeadOpportunity);
        var resurface = journey.Lead.NextResurfaceAt!.Value;
        journey.Must(TransitionType.OpportunityResurfaced, resurface);
        journey.Must(TransitionType.DealCreated, resurface.AddDays(1));

        var lead = journey.Must(TransitionType.DealWon, resurface.AddDays(2));

        Assert.Equal(LeadFlags.None, lead.Flags);
        Assert.Null(lead.NextResurfaceAt);
    }

    [Fact]
    public void Deal_lost_is_kept_as_a_dead_opportunity_to_resurface()
    {
        var journey = Leads.In(LeadStatus.OpenDeal);

        var lead = journey.Must(TransitionType.DealLost, At(10));

        Assert.Equal(LeadStatus.DeadOpportunity, lead.Status);
        Assert.Equal(LifecycleStage.Opportunity, lead.Stage);
        Assert.Equal(At(10).AddMonths(6), lead.NextResurfaceAt);
    }

    [Fact]
    public void Dead_opportunity_can_become_a_deal_again()
    {
        var journey = Leads.In(LeadStatus.DeadOpportunity);

        var lead = journey.Must(TransitionType.DealCreated, At(10));

        Assert.Equal(LeadStatus.OpenDeal, lead.Status);
        Assert.Equal(At(10), lead.StatusStamps[LeadStatus.OpenDeal].LastEnteredAt);
        Assert.Equal(At(2), lead.StatusStamps[LeadStatus.OpenDeal].FirstEnteredAt);
    }

    [Theory]
    [InlineData(TransitionType.DealWon)]
    [InlineData(TransitionType.DealLost)]
    public void Won_or_lost_needs_an_open_deal(TransitionType type)
    {
        var journey = Leads.In(LeadStatus.Connected);

        Assert.Equal(RejectionCode.StatusNotAllowed, journey.Do(type, At(5)).Audit.RejectionCode);
    }

    [Fact]
    public void Each_deal_command_records_the_deal_it_names_and_the_lead_keeps_the_latest()
    {
        var journey = Leads.In(LeadStatus.Connected);

        var created = journey.Do(TransitionType.DealCreated, At(5), data: new TransitionData { DealId = "D-1" });
        var unnamed = journey.Do(TransitionType.DealLost, At(6));
        var named = journey.Do(TransitionType.DealCreated, At(7), data: new TransitionData { DealId = "D-2" });

        Assert.Equal(("D-1", "D-1"), (created.Audit.DealId, created.Lead.DealId));
        Assert.Equal((null, "D-1"), (unnamed.Audit.DealId, unnamed.Lead.DealId));
        Assert.Equal(("D-2", "D-2"), (named.Audit.DealId, named.Lead.DealId));
    }
}
