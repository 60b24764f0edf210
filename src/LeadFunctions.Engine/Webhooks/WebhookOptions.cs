namespace LeadFunctions.Engine.Webhooks;

/// <summary>LeadEvents: the webhook subscribers, their retry policy and how long one POST may take.</summary>
public sealed class WebhookOptions
{
    public const string Section = "LeadEvents";

    public List<WebhookSubscriber> Webhooks { get; set; } = [];

    public WebhookRetryOptions Retry { get; set; } = new();

    public WebhookCircuitOptions Circuit { get; set; } = new();

    /// <summary>One POST, connect to last byte; a receiver that hangs costs this much of a delivery, never of intake.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public WebhookSubscriber? Find(string subscriberId) => Webhooks.FirstOrDefault(s => s.Id == subscriberId);
}
