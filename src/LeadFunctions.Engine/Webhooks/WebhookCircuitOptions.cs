namespace LeadFunctions.Engine.Webhooks;

/// <summary>
/// LeadEvents:Circuit: after <see cref="FailuresToOpen"/> failed POSTs in a row to one subscriber, nothing is sent to it
/// for <see cref="OpenFor"/>; its deliveries wait for the retry pass. Then one POST tries it again: a success sends
/// everything that waits, a failure waits another <see cref="OpenFor"/>.
/// </summary>
public sealed class WebhookCircuitOptions
{
    public int FailuresToOpen { get; set; } = 5;

    public TimeSpan OpenFor { get; set; } = TimeSpan.FromSeconds(30);
}
