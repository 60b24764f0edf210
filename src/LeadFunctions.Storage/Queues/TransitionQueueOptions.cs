using System.ComponentModel.DataAnnotations;

namespace LeadFunctions.Storage.Queues;

/// <summary>The local transition queue (Azure Storage queue on Azurite); Azure uses Service Bus instead.</summary>
public sealed class TransitionQueueOptions
{
    public const string Section = "Transitions";

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,53}[a-z0-9]$")]
    public string QueueName { get; set; } = "lead-transitions";

    /// <summary>Deliveries before a failing message moves to the poison queue with its last error.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a received message stays hidden while it is handled.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First retry delay after a transient failure; doubles with each delivery, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Wait between polls when the queue is empty.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 32)]
    public int BatchSize { get; set; } = 16;

    public string PoisonQueueName => QueueName + "-poison";
}
