namespace LeadFunctions.Functions.Transitions;

public sealed class ServiceBusTransitionOptions
{
    public const string Section = "Transitions";

    public string QueueName { get; set; } = "lead-transitions";

    public string? FullyQualifiedNamespace { get; set; }

    public string? ClientId { get; set; }
}
