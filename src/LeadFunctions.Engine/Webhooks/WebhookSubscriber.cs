using System.Security.Cryptography;
using System.Text;

namespace LeadFunctions.Engine.Webhooks;

/// <summary>
/// One receiver, from LeadEvents:Webhooks:N. It is known in storage, logs and the admin routes by <see cref="Id"/>, a
/// hash of its URL: stable when the list is reordered, and never the URL itself (which may carry a token).
/// </summary>
public sealed class WebhookSubscriber
{
    public string Url { get; set; } = string.Empty;

    public string Secret { get; set; } = string.Empty;

    /// <summary>Event type names this subscriber wants; empty means all of them.</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>Whether the body carries the person (e-mail, names, company, message); off unless the receiver is trusted with it.</summary>
    public bool IncludePerson { get; set; }

    /// <summary>raw (the event JSON, the default) or chat ({"text": ...}).</summary>
    public string Format { get; set; } = "raw";

    public string Id => "wh-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Url)))[..12];

    public WebhookFormat ParsedFormat => string.Equals(Format, "chat", StringComparison.OrdinalIgnoreCase) ? WebhookFormat.Chat : WebhookFormat.Raw;

    public bool Wants(Domain.Events.LeadEventType type)
        => Events.Count == 0 || Events.Any(name => string.Equals(name, type.ToString(), StringComparison.OrdinalIgnoreCase));
}
