using System.Collections.Immutable;
using System.Globalization;
using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Reports;

/// <summary>
/// The little of a lead that velocity needs: a report pass keeps one of these per lead instead of the lead itself
/// (no person, no message, no assignment), so recomputing over every lead holds O(n) small facts.
/// </summary>
public sealed record VelocityFacts(
    DateTimeOffset CreatedAt,
    LifecycleStage Stage,
    string Status,
    DateTimeOffset? MidFunnelSince,
    ImmutableDictionary<LifecycleStage, DateTimeOffset> StageFirstEntries,
    ImmutableArray<StatusEntry> StatusEntries,
    string Month,
    string Source,
    string Medium,
    string Campaign)
{
    /// <summary>The cohort key of leads whose first form did not say (or that were stored before it was kept).</summary>
    public const string Unknown = "(none)";

    private static readonly HashSet<LeadStatus> Closed = [LeadStatus.CurrentCustomer, LeadStatus.DeadOpportunity, LeadStatus.BadFit, LeadStatus.Disqualified];

    public static VelocityFacts Of(Lead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        var origin = lead.Campaigns.Origin;
        return new VelocityFacts(
            lead.CreatedAt,
            lead.Stage,
            lead.StatusName,
            MidFunnelStart(lead),
            lead.StageStamps.ToImmutableDictionary(p => p.Key, p => p.Value.FirstEnteredAt),
            // Only first entries are stored, so this is the order in which statuses were first reached; ties (two
            // statuses entered at one instant) fall back to the statuses' order so the sequence is deterministic.
            [.. lead.StatusNameStamps.Select(p => new StatusEntry(p.Key, p.Value.FirstEnteredAt)).OrderBy(e => e.FirstEnteredAt).ThenBy(e => e.Status, StatusOrder.Comparer)],
            lead.CreatedAt.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            KeyOf(origin?.Source),
            KeyOf(origin?.Medium),
            KeyOf(origin?.Campaign ?? lead.Campaigns.MqlFirst ?? lead.Campaigns.SqlFirst));
    }

    /// <summary>
    /// How long the lead has been mid-funnel (qualified, not yet won or lost) as of <paramref name="asOf"/>; null when it is
    /// not mid-funnel. Counted from its first SQL entry; a lead without one counts from entering its current stage.
    /// </summary>
    public static TimeSpan? MidFunnelAge(Lead lead, DateTimeOffset asOf)
    {
        ArgumentNullException.ThrowIfNull(lead);
        return MidFunnelStart(lead) is { } since ? asOf - since : null;
    }

    public string KeyIn(CohortDimension dimension) => dimension switch
    {
        CohortDimension.Month => Month,
        CohortDimension.Source => Source,
        CohortDimension.Medium => Medium,
        CohortDimension.Campaign => Campaign,
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, null),
    };

    private static DateTimeOffset? MidFunnelStart(Lead lead)
    {
        if (lead.Stage is < LifecycleStage.SQL or >= LifecycleStage.Customer || Closed.Contains(lead.Status))
        {
            return null;
        }

        return lead.StageStamps.TryGetValue(LifecycleStage.SQL, out var sql) ? sql.FirstEnteredAt : lead.EnteredStageAt;
    }

    // utm values are free text from the page's URL: "Google" and "google " are one source.
    private static string KeyOf(string? value) => string.IsNullOrWhiteSpace(value) ? Unknown : value.Trim().ToLowerInvariant();
}
