namespace LeadFunctions.Domain.Sweeps;

/// <summary>The timer sweeps. Each owns one kind of due date.</summary>
public enum SweepKind
{
    DisqualifyNoContact,
    RecycleDark,
    FlagCheckBacks,
    FlagSlaBreaches,

    /// <summary>Leads waiting in a team's queue whose retry time came: routing tries again.</summary>
    AssignQueued,

    /// <summary>Recycled leads silent since recycling: suppressed for marketing (no-engagement).</summary>
    SuppressUnengaged,

    /// <summary>Marketing leads whose activity score has decayed below high interest.</summary>
    DecayInterest,
}

public static class SweepNames
{
    private static readonly Dictionary<string, SweepKind> ByName = new(StringComparer.Ordinal)
    {
        ["disqualify-no-contact"] = SweepKind.DisqualifyNoContact,
        ["recycle-dark"] = SweepKind.RecycleDark,
        ["flag-check-backs"] = SweepKind.FlagCheckBacks,
        ["flag-sla-breaches"] = SweepKind.FlagSlaBreaches,
        ["assign-queued"] = SweepKind.AssignQueued,
        ["suppress-unengaged"] = SweepKind.SuppressUnengaged,
        ["decay-interest"] = SweepKind.DecayInterest,
    };

    public static IReadOnlyCollection<string> All => ByName.Keys;

    public static string Name(this SweepKind kind) => ByName.First(pair => pair.Value == kind).Key;

    public static bool TryParse(string? name, out SweepKind kind) => ByName.TryGetValue(name ?? string.Empty, out kind);
}
