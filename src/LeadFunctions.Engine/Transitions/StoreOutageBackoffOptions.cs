using System.ComponentModel.DataAnnotations;

namespace LeadFunctions.Engine.Transitions;

/// <summary>
/// Transitions:OutageBackoff: how long a queue consumer holds a message while the store is down before giving it back.
/// Each give-back costs one of the queue's deliveries (Service Bus maxDeliveryCount, 10 in infra), so the budget, not
/// the broker, is what rides out an outage: 10 deliveries x 4 minutes is about 40 minutes of outage before anything
/// is dead-lettered. Keep <see cref="Budget"/> below the host's maxAutoLockRenewalDuration (host.json, 5 minutes),
/// which is how long the session lock is renewed for a message being handled.
/// </summary>
public sealed class StoreOutageBackoffOptions
{
    public const string Section = "Transitions:OutageBackoff";

    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00", "00:30:00")]
    public TimeSpan Budget { get; set; } = TimeSpan.FromMinutes(4);
}
