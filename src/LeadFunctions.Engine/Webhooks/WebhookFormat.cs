namespace LeadFunctions.Engine.Webhooks;

/// <summary>What a subscriber's POST body looks like.</summary>
public enum WebhookFormat
{
    /// <summary>The lead event itself, exactly as LeadEventJson writes it (personal data only for subscribers that get it).</summary>
    Raw,

    /// <summary>{"text": "..."}: one line that Slack and Teams incoming webhooks post as a message.</summary>
    Chat,
}
