namespace LeadFunctions.Engine.Webhooks;

/// <summary>How one POST went: delivered (2xx), or why not in a few words ("HTTP 500", "timeout"), never the answer's body.</summary>
public sealed record WebhookAttempt(bool Delivered, string? Error)
{
    public static readonly WebhookAttempt Success = new(true, null);

    public static WebhookAttempt Failed(string error) => new(false, error);
}
