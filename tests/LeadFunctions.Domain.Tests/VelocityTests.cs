using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Reports;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;
using static LeadFunctions.Domain.Tests.Support.Leads;

namespace LeadFunctions.Domain.Tests;

/// <summary>Seed 001: lead velocity from stage stamps: step durations, conversion, mid-funnel age.</summary>
public sealed class VelocityTests
{
    [Fact]
    public void Step_durations_use_first_entries_and_conversion_counts_only_leads_that_reached_both_stages()
    {
        var fast = LeadJourney.StartWith("whitepaper", TestData.GoodFit(), T0);
        fast.Must(TransitionType.OwnershipTransferRequested, At(10));
        var slow = LeadJourney.StartWith("whitepaper", TestData.GoodFit("slow@acme-corp.com"), T0);
        slow.Must(TransitionType.OwnershipTransferRequested, At(30));
        var stuck = LeadJourney.StartWith("whitepaper", TestData.GoodFit("stuck@acme-corp.com"), T0);

        var report = Velocity.Compute([fast.Lead, slow.Lead, stuck.Lead], At(100));

        var mqlToSql = report.Steps.Single(s => s.From == LifecycleStage.MQL && s.To == LifecycleStage.SQL);
        Assert.Equal(3, mqlToSql.Entered);
        Assert.Equal(2, mqlToSql.Converted);
        Assert.Equal(0.6667, mqlToSql.ConversionRate);
        Assert.Equal(TimeSpan.FromHours(10), mqlToSql.Median);
        Assert.Equal(TimeSpan.FromHours(30), mqlToSql.P90);
        Assert.Equal(3, report.Leads);
        Assert.Equal(2, report.ByStage[LifecycleStage.SQL]);
        Assert.Equal(1, report.ByStage[LifecycleStage.MQL]);
        Assert.Equal(2, report.MidFunnelAge.Leads);
        Assert.Equal(TimeSpan.FromHours(70), report.MidFunnelAge.Median);
        Assert.Equal(TimeSpan.FromHours(90), report.MidFunnelAge.P90);
    }

    [Fact]
    public void No_data_gives_no_duration_rather_than_zero()
    {
        var report = Velocity.Compute([], T0);

        Assert.All(report.Steps, s => Assert.Null(s.Median));
        Assert.Equal(0, report.MidFunnelAge.Leads);
    }

    [Fact]
    public void The_sal_steps_appear_when_the_playbook_enables_sal()
    {
        var report = Velocity.Compute([], T0, salEnabled: true);

        Assert.Contains(report.Steps, s => s.From == LifecycleStage.MQL && s.To == LifecycleStage.SAL);
        Assert.Contains(report.Steps, s => s.From == LifecycleStage.SAL && s.To == LifecycleStage.SQL);
    }
}
