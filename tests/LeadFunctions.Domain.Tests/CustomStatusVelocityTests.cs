using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Reports;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.Tests;

/// <summary>Issue 16, items 1 and 2: velocity counts custom statuses under their own names, and speaks the playbook's words.</summary>
public sealed class CustomStatusVelocityTests
{
    private static readonly DateTimeOffset T0 = TestData.Monday;

    [Fact]
    public void Status_pairs_and_counts_name_the_custom_status_not_its_role()
    {
        var report = Velocity.Compute([HotThenWorked().Lead, InHot().Lead], T0.AddDays(1));

        var pairs = report.StatusPairs.Select(p => (p.From, p.To, p.Leads)).ToList();
        Assert.Contains((nameof(LeadStatus.Nurturing), CustomStatuses.Hot, 2), pairs);
        Assert.Contains((CustomStatuses.Hot, nameof(LeadStatus.ActivelyWorking), 1), pairs);
        Assert.DoesNotContain(pairs, p => p.From == nameof(LeadStatus.New) || p.To == nameof(LeadStatus.New));
        Assert.Equal(TimeSpan.FromHours(2), report.StatusPairs.Single(p => p.From == CustomStatuses.Hot).Median);
        Assert.Equal(1, report.ByStatus[CustomStatuses.Hot]);
        Assert.Equal(1, report.ByStatus[nameof(LeadStatus.ActivelyWorking)]);
    }

    [Fact]
    public void The_report_carries_the_playbooks_display_name_beside_each_stage_and_status()
    {
        var report = VelocityNames.Apply(Velocity.Compute([HotThenWorked().Lead], T0.AddDays(1), cohort: CohortDimension.Month), CustomStatuses.Playbook);

        var pair = report.StatusPairs.Single(p => p.To == CustomStatuses.Hot);
        Assert.Equal(("Nurturing", CustomStatuses.HotDisplay), (pair.FromDisplayName, pair.ToDisplayName));
        var step = report.Steps.Single(s => s.From == LifecycleStage.MQL && s.To == LifecycleStage.SQL);
        Assert.Equal(("Marketing Qualified Lead", "Sales Qualified Lead"), (step.FromDisplayName, step.ToDisplayName));
        Assert.Equal("Sales Qualified Lead", report.FromCreated.Single(s => s.To == LifecycleStage.SQL).ToDisplayName);
        var cohortPair = Assert.Single(report.Cohorts!).StatusPairs.Single(p => p.From == CustomStatuses.Hot);
        Assert.Equal((CustomStatuses.HotDisplay, "Actively Working"), (cohortPair.FromDisplayName, cohortPair.ToDisplayName));
    }

    [Fact]
    public void The_csv_has_display_name_columns_after_the_figures()
    {
        var report = VelocityNames.Apply(Velocity.Compute([HotThenWorked().Lead], T0.AddDays(1)), CustomStatuses.Playbook);

        var lines = VelocityCsv.Write(report).Split("\r\n");

        Assert.EndsWith(",fromDisplayName,toDisplayName", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.EndsWith(",,status,HotHotHot,ActivelyWorking,1,1,,7200,7200,Hot! Hot! Hot!,Actively Working", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(",,stage,MQL,SQL,1,1,1,3600,3600,Marketing Qualified Lead,Sales Qualified Lead", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(",,created,Created,SQL,1,1,1,3600,3600,,Sales Qualified Lead", StringComparison.Ordinal));
    }

    private static LeadJourney InHot()
    {
        var journey = LeadJourney.Nurtured(T0, CustomStatuses.Playbook);
        journey.Must(TransitionType.StatusSet, T0.AddHours(1), data: new TransitionData { StatusName = CustomStatuses.Hot });
        return journey;
    }

    private static LeadJourney HotThenWorked()
    {
        var journey = InHot();
        journey.Must(TransitionType.FirstOutreachSent, T0.AddHours(3));
        return journey;
    }
}
