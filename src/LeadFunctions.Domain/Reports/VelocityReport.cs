using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Reports;

/// <summary>How long leads take between two stages, and how many make it (seed 001: lead velocity).</summary>
public sealed record StageStep(LifecycleStage From, LifecycleStage To, int Entered, int Converted, double ConversionRate, TimeSpan? Median, TimeSpan? P90);

/// <summary>Time leads have spent past qualification and not yet won or lost (seed 001: mid-funnel age).</summary>
public sealed record AgeSummary(int Leads, TimeSpan? Median, TimeSpan? P90);

public sealed record VelocityReport(
    DateTimeOffset AsOf,
    int Leads,
    IReadOnlyList<StageStep> Steps,
    AgeSummary MidFunnelAge,
    IReadOnlyDictionary<LifecycleStage, int> ByStage,
    IReadOnlyDictionary<LeadStatus, int> ByStatus);

/// <summary>
/// Computes velocity from the leads' own stage stamps: a step's duration is the first entry of the later stage
/// minus the first entry of the earlier one, so re-entries and regressions do not distort it.
/// </summary>
public static class Velocity
{
    private static readonly (LifecycleStage From, LifecycleStage To)[] DefaultSteps =
    [
        (LifecycleStage.MQL, LifecycleStage.SQL),
        (LifecycleStage.SQL, LifecycleStage.Opportunity),
        (LifecycleStage.Opportunity, LifecycleStage.Customer),
        (LifecycleStage.MQL, LifecycleStage.Customer),
    ];

    private static readonly HashSet<LeadStatus> Closed = [LeadStatus.CurrentCustomer, LeadStatus.DeadOpportunity, LeadStatus.BadFit, LeadStatus.Disqualified];

    public static VelocityReport Compute(IEnumerable<Lead> leads, DateTimeOffset asOf, bool salEnabled = false)
    {
        ArgumentNullException.ThrowIfNull(leads);
        var all = leads.ToList();
        var steps = salEnabled
            ? [(LifecycleStage.MQL, LifecycleStage.SAL), (LifecycleStage.SAL, LifecycleStage.SQL), .. DefaultSteps]
            : DefaultSteps;

        var midFunnel = all
            .Where(l => l.Stage is >= LifecycleStage.SQL and < LifecycleStage.Customer && !Closed.Contains(l.Status))
            .Select(l => asOf - QualifiedAt(l))
            .ToList();

        return new VelocityReport(
            asOf,
            all.Count,
            [.. steps.Select(step => Step(all, step.From, step.To))],
            new AgeSummary(midFunnel.Count, Percentile(midFunnel, 0.5), Percentile(midFunnel, 0.9)),
            all.GroupBy(l => l.Stage).ToDictionary(g => g.Key, g => g.Count()),
            all.GroupBy(l => l.Status).ToDictionary(g => g.Key, g => g.Count()));
    }

    /// <summary>When the lead was first qualified; a lead that skipped the SQL stamp counts from its current stage.</summary>
    private static DateTimeOffset QualifiedAt(Lead lead)
        => lead.StageStamps.TryGetValue(LifecycleStage.SQL, out var sql) ? sql.FirstEnteredAt : lead.EnteredStageAt;

    private static StageStep Step(List<Lead> leads, LifecycleStage from, LifecycleStage to)
    {
        var entered = leads.Where(l => l.StageStamps.ContainsKey(from)).ToList();
        var durations = entered
            .Where(l => l.StageStamps.TryGetValue(to, out var reached) && reached.FirstEnteredAt >= l.StageStamps[from].FirstEnteredAt)
            .Select(l => l.StageStamps[to].FirstEnteredAt - l.StageStamps[from].FirstEnteredAt)
            .ToList();
        var rate = entered.Count == 0 ? 0 : Math.Round((double)durations.Count / entered.Count, 4);
        return new StageStep(from, to, entered.Count, durations.Count, rate, Percentile(durations, 0.5), Percentile(durations, 0.9));
    }

    /// <summary>Nearest-rank percentile; null for no data rather than a misleading zero.</summary>
    internal static TimeSpan? Percentile(List<TimeSpan> values, double quantile)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var rank = (int)Math.Ceiling(quantile * values.Count);
        return values[Math.Clamp(rank - 1, 0, values.Count - 1)];
    }
}
