using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Reports;

/// <summary>
/// Computes velocity from the leads' own stamps. A step's duration is the first entry of the later stage (or status)
/// minus the first entry of the earlier one, so re-entries and regressions do not distort it; creation steps count
/// from the lead's creation.
/// </summary>
public static class Velocity
{
    /// <summary>Cohorts beyond this many (the largest kept) are folded into one, so free-text utm values cannot grow the report without bound.</summary>
    public const int MaxCohorts = 50;

    public const string OtherCohort = "(other)";

    private static readonly (LifecycleStage From, LifecycleStage To)[] DefaultSteps =
    [
        (LifecycleStage.MQL, LifecycleStage.SQL),
        (LifecycleStage.SQL, LifecycleStage.Opportunity),
        (LifecycleStage.Opportunity, LifecycleStage.Customer),
        (LifecycleStage.MQL, LifecycleStage.Customer),
    ];

    private static readonly LifecycleStage[] CreatedSteps = [LifecycleStage.MQL, LifecycleStage.SQL];

    public static VelocityReport Compute(IEnumerable<Lead> leads, DateTimeOffset asOf, bool salEnabled = false, CohortDimension? cohort = null)
    {
        ArgumentNullException.ThrowIfNull(leads);
        return FromFacts([.. leads.Select(VelocityFacts.Of)], asOf, salEnabled, cohort);
    }

    /// <summary>The report from facts already reduced from the leads (one pass over the store keeps only these).</summary>
    public static VelocityReport FromFacts(IReadOnlyList<VelocityFacts> facts, DateTimeOffset asOf, bool salEnabled = false, CohortDimension? cohort = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var steps = salEnabled
            ? [(LifecycleStage.MQL, LifecycleStage.SAL), (LifecycleStage.SAL, LifecycleStage.SQL), .. DefaultSteps]
            : DefaultSteps;
        var all = FiguresOf("", facts, asOf, steps);
        return new VelocityReport(
            asOf,
            all.Leads,
            all.Steps,
            all.MidFunnelAge,
            facts.GroupBy(l => l.Stage).ToDictionary(g => g.Key, g => g.Count()),
            facts.GroupBy(l => l.Status, StringComparer.Ordinal).OrderBy(g => g.Key, StatusOrder.Comparer).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            all.FromCreated,
            all.StatusPairs,
            all.MqlAcceptance,
            cohort,
            cohort is { } dimension ? CohortsOf(facts, dimension, asOf, steps) : null);
    }

    private static List<VelocityCohort> CohortsOf(IReadOnlyList<VelocityFacts> facts, CohortDimension dimension, DateTimeOffset asOf, (LifecycleStage From, LifecycleStage To)[] steps)
    {
        var groups = facts.GroupBy(f => f.KeyIn(dimension), StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var kept = groups.Take(MaxCohorts).Select(g => (g.Key, Facts: (IReadOnlyList<VelocityFacts>)[.. g])).ToList();
        if (groups.Count > MaxCohorts)
        {
            kept.Add((OtherCohort, [.. groups.Skip(MaxCohorts).SelectMany(g => g)]));
        }

        var cohorts = kept.Select(g => FiguresOf(g.Key, g.Facts, asOf, steps));
        // Months read best in calendar order; the other dimensions biggest first.
        return dimension == CohortDimension.Month ? [.. cohorts.OrderBy(c => c.Key, StringComparer.Ordinal)] : [.. cohorts];
    }

    private static VelocityCohort FiguresOf(string key, IReadOnlyList<VelocityFacts> facts, DateTimeOffset asOf, (LifecycleStage From, LifecycleStage To)[] steps)
    {
        var midFunnel = facts.Where(l => l.MidFunnelSince is not null).Select(l => asOf - l.MidFunnelSince!.Value).ToList();
        var stageSteps = steps.Select(step => Step(facts, step.From, step.To)).ToList();
        var mqlToSql = stageSteps.FirstOrDefault(s => s.From == LifecycleStage.MQL && s.To == LifecycleStage.SQL) ?? Step(facts, LifecycleStage.MQL, LifecycleStage.SQL);
        return new VelocityCohort(
            key,
            facts.Count,
            [.. CreatedSteps.Select(to => FromCreated(facts, to))],
            stageSteps,
            StatusPairs(facts),
            new MqlAcceptance(mqlToSql.Entered, mqlToSql.Converted, mqlToSql.ConversionRate),
            new AgeSummary(midFunnel.Count, Percentile(midFunnel, 0.5), Percentile(midFunnel, 0.9)));
    }

    private static StageStep Step(IReadOnlyList<VelocityFacts> leads, LifecycleStage from, LifecycleStage to)
    {
        var entered = 0;
        var durations = new List<TimeSpan>();
        foreach (var lead in leads)
        {
            if (!lead.StageFirstEntries.TryGetValue(from, out var start))
            {
                continue;
            }

            entered++;
            if (lead.StageFirstEntries.TryGetValue(to, out var reached) && reached >= start)
            {
                durations.Add(reached - start);
            }
        }

        return new StageStep(from, to, entered, durations.Count, Rate(durations.Count, entered), Percentile(durations, 0.5), Percentile(durations, 0.9));
    }

    private static CreatedStep FromCreated(IReadOnlyList<VelocityFacts> leads, LifecycleStage to)
    {
        var durations = leads
            .Where(l => l.StageFirstEntries.TryGetValue(to, out var reached) && reached >= l.CreatedAt)
            .Select(l => l.StageFirstEntries[to] - l.CreatedAt)
            .ToList();
        return new CreatedStep(to, leads.Count, durations.Count, Rate(durations.Count, leads.Count), Percentile(durations, 0.5), Percentile(durations, 0.9));
    }

    /// <summary>Every pair of statuses one lead first entered one after the other, with the time between the first entries.</summary>
    private static List<StatusStep> StatusPairs(IReadOnlyList<VelocityFacts> leads)
    {
        var pairs = new Dictionary<(string From, string To), List<TimeSpan>>();
        foreach (var lead in leads)
        {
            for (var i = 1; i < lead.StatusEntries.Length; i++)
            {
                var (from, to) = (lead.StatusEntries[i - 1], lead.StatusEntries[i]);
                if (!pairs.TryGetValue((from.Status, to.Status), out var durations))
                {
                    pairs[(from.Status, to.Status)] = durations = [];
                }

                durations.Add(to.FirstEnteredAt - from.FirstEnteredAt);
            }
        }

        return [.. pairs.OrderBy(p => p.Key.From, StatusOrder.Comparer).ThenBy(p => p.Key.To, StatusOrder.Comparer)
            .Select(p => new StatusStep(p.Key.From, p.Key.To, p.Value.Count, Percentile(p.Value, 0.5), Percentile(p.Value, 0.9)))];
    }

    private static double Rate(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

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
