namespace LeadFunctions.Domain.Routing;

/// <summary>
/// Whether a rep takes new leads: data a manager or the rep sets (out of office, on leave), not configuration.
/// "Unavailable until" ends by itself, so nobody has to remember to switch a rep back on.
/// </summary>
public sealed record RepAvailability(bool Available, DateTimeOffset? Until = null)
{
    public static readonly RepAvailability Always = new(true);

    public bool IsAvailableAt(DateTimeOffset now) => Available || (Until is { } until && now >= until);
}
