using System.ComponentModel.DataAnnotations;

namespace LeadFunctions.Storage.Queues;

/// <summary>
/// The local lead-events queue: the relay writes it, the webhook consumer reads it (Azure uses the lead-events topic
/// and its webhooks subscription instead). Failing messages are retried with the queue's own visibility timeout and
/// parked in "{QueueName}-poison" after <see cref="MaxAttempts"/>.
/// </summary>
public sealed class LeadEventQueueOptions
{
    public const string Section = "LeadEvents";

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,53}[a-z0-9]$")]
    public string QueueName { get; set; } = "lead-events";

    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Long enough for every subscriber's POST (they run side by side, each bounded by LeadEvents:Timeout).</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public string PoisonQueueName => QueueName + "-poison";
}
