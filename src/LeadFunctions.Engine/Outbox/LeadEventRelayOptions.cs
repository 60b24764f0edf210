using System.ComponentModel.DataAnnotations;

namespace LeadFunctions.Engine.Outbox;

/// <summary>How the relay pass picks up events the fast path did not publish (a crash, a publisher outage).</summary>
public sealed class LeadEventRelayOptions
{
    public const string Section = "LeadEvents";

    /// <summary>
    /// How long an event waits in the outbox before the pass takes it: long enough that the change's own fast path has
    /// published it, so the pass rarely publishes an event twice or out of order.
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Outbox rows read per storage round trip.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;
}
