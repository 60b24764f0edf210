using System.Text.Json.Nodes;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.Tests;

/// <summary>Issue 16, item 1: entering a custom status through StatusSet has its role's consequences, for every role that has any.</summary>
public sealed class StatusSetRoleTests
{
    private static readonly DateTimeOffset T0 = TestData.Monday;

    private static readonly Playbook Playbook = PlaybookJson.Parse(CustomStatuses.Json(statuses =>
    {
        foreach (var (name, role) in new[] { ("Parked", "check-back"), ("Signed", "customer"), ("Lost", "dead-opportunity"), ("Negotiating", "deal") })
        {
            statuses.Add(new JsonObject { ["name"] = name, ["role"] = role, ["owner"] = "Sales", ["from"] = new JsonArray("ActivelyWorking") });
        }
    }));

    [Fact]
    public void A_check_back_status_sets_the_next_check_back_and_the_sweep_comes_round_for_it()
    {
        var lead = Worked().Must(TransitionType.StatusSet, At(2), data: To("Parked"));

        Assert.Equal((LeadStatus.CheckBackQuarterly, "Parked", "rep-ann"), (lead.Status, lead.StatusName, lead.Owner));
        Assert.Equal(At(2).AddMonths(Playbook.Thresholds.CheckBackMonths), lead.NextCheckBackAt);
        Assert.Contains(new SweepSchedule(Playbook).DueDates(lead), d => d.Sweep == SweepKind.FlagCheckBacks);
    }

    [Fact]
    public void A_customer_status_makes_the_lead_a_customer_with_no_follow_ups()
    {
        var lead = Worked().Must(TransitionType.StatusSet, At(2), data: To("Signed"));

        Assert.Equal((LifecycleStage.Customer, LeadStatus.CurrentCustomer, "Signed"), (lead.Stage, lead.Status, lead.StatusName));
        Assert.Null(lead.NextCheckBackAt);
        Assert.Null(lead.NextResurfaceAt);
    }

    [Fact]
    public void A_dead_opportunity_status_resurfaces_on_the_playbooks_cadence()
    {
        var lead = Worked().Must(TransitionType.StatusSet, At(2), data: To("Lost"));

        Assert.Equal((LeadStatus.DeadOpportunity, "Lost"), (lead.Status, lead.StatusName));
        Assert.Equal(At(2).AddMonths(Playbook.Thresholds.DeadOpportunityResurfaceMonths), lead.NextResurfaceAt);
    }

    [Fact]
    public void A_deal_status_makes_the_lead_an_opportunity_and_the_deal_rules_then_apply()
    {
        var journey = Worked();
        var lead = journey.Must(TransitionType.StatusSet, At(2), data: To("Negotiating"));
        var won = journey.Must(TransitionType.DealWon, At(3));

        Assert.Equal((LifecycleStage.Opportunity, LeadStatus.OpenDeal), (lead.Stage, lead.Status));
        Assert.Equal((LifecycleStage.Customer, nameof(LeadStatus.CurrentCustomer)), (won.Stage, won.StatusName));
    }

    private static LeadJourney Worked()
    {
        var journey = LeadJourney.InSalesInbox(T0, Playbook);
        journey.Place(new Assignment("inbound-sales", null, "rep-ann", "next in rotation", T0, []));
        journey.Must(TransitionType.FirstOutreachSent, At(1));
        return journey;
    }

    private static TransitionData To(string status) => new() { StatusName = status };

    private static DateTimeOffset At(int hours) => T0.AddHours(hours);
}
