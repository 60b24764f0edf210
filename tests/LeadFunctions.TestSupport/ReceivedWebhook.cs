using System.Text;

namespace LeadFunctions.TestSupport;

/// <summary>One POST a <see cref="WebhookReceiver"/> got, and what it answered.</summary>
public sealed record ReceivedWebhook(int Index, int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset At)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
