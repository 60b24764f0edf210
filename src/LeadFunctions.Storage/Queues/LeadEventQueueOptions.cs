using System.ComponentModel.DataAnnotations;

namespace LeadFunctions.Storage.Queues;

/// <summary>The local stand-in for the lead-events topic: one Azure Storage queue (Azurite), read by the local webhook worker.</summary>
public sealed class LeadEventQueueOptions
{
    public const string Section = "LeadEvents";

    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,53}[a-z0-9]$")]
    public string QueueName { get; set; } = "lead-events";
}
