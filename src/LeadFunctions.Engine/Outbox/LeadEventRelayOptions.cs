using System.ComponentModel.DataAnnotations;

namespace LeadFunctions.Engine.Outbox;

/// <summary>How the relay pass picks up events the fast path did not publish (a crash, a publisher outage).</summary>
public sealed class LeadEventRelayOptions : IValidatableObject
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

    /// <summary>
    /// How often the rows of events the fast path published are removed, many changes per partition transaction. Longer
    /// saves storage requests; it must stay well inside <see cref="Grace"/>, or the pass publishes them a second time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan RemovalInterval { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RemovalInterval * 2 > Grace)
        {
            yield return new ValidationResult(
                $"{nameof(RemovalInterval)} ({RemovalInterval}) must be at most half of {nameof(Grace)} ({Grace}).", [nameof(RemovalInterval), nameof(Grace)]);
        }
    }
}
