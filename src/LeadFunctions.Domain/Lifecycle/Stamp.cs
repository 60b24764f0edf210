namespace LeadFunctions.Domain.Lifecycle;

/// <summary>
/// Date stamps for one stage or status (seed 001): first and most recent entry, most recent exit, and the
/// cumulative time spent in it across every visit, so re-entering keeps the history right. Whether a visit is
/// open is stored, not inferred from the dates: a re-entry at the instant of leaving, or a command reported
/// late, must still open or close the visit.
/// </summary>
public sealed record Stamp(DateTimeOffset FirstEnteredAt, DateTimeOffset LastEnteredAt, DateTimeOffset? LastExitedAt, TimeSpan TimeInClosedVisits, bool IsOpen)
{
    public static Stamp EnteredAt(DateTimeOffset at) => new(at, at, null, TimeSpan.Zero, IsOpen: true);

    public Stamp ReEnteredAt(DateTimeOffset at) => this with { LastEnteredAt = at, IsOpen = true };

    public Stamp ExitedAt(DateTimeOffset at) => IsOpen
        ? this with { LastExitedAt = at, TimeInClosedVisits = TimeInClosedVisits + NonNegative(at - LastEnteredAt), IsOpen = false }
        : this;

    /// <summary>Total time in this stage or status up to <paramref name="now"/>, counting an open visit.</summary>
    public TimeSpan TimeInAsOf(DateTimeOffset now) => IsOpen ? TimeInClosedVisits + NonNegative(now - LastEnteredAt) : TimeInClosedVisits;

    private static TimeSpan NonNegative(TimeSpan span) => span < TimeSpan.Zero ? TimeSpan.Zero : span;
}
