using System.ComponentModel.DataAnnotations;

namespace LeadFunctions.Storage.Queues;

/// <summary>The local import queue (one message per stored chunk); Azure uses the lead-imports Service Bus queue instead.</summary>
public sealed class ImportQueueOptions
{
    public const string Section = "Imports";

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,53}[a-z0-9]$")]
    public string QueueName { get; set; } = "lead-imports";

    /// <summary>Deliveries before a failing chunk moves to the poison queue with its last error.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a received chunk stays hidden while its rows are applied: generous, a chunk is up to 100 rows.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 32)]
    public int BatchSize { get; set; } = 32;

    /// <summary>
    /// Chunks applied side by side: rows of different chunks touch different leads, mostly in different partitions. As
    /// many as one receive brings: routed rows (research) wait for their team's rotation together, and twice the rows in
    /// flight made its groups twice as large (about 8 picks instead of 4 per availability read, rotation read and save).
    /// </summary>
    [Range(1, 32)]
    public int Parallelism { get; set; } = 32;

    public string PoisonQueueName => QueueName + "-poison";
}
