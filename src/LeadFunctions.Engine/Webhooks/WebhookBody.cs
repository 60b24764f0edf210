using System.Text;
using System.Text.Json;
using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Events;

namespace LeadFunctions.Engine.Webhooks;

/// <summary>The bytes a subscriber is sent for an event, in its format, with the person only if it is trusted with it.</summary>
public static class WebhookBody
{
    public static byte[] For(WebhookSubscriber subscriber, LeadEvent leadEvent)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(leadEvent);
        var visible = ForSubscriber(leadEvent, subscriber.IncludePerson);
        return subscriber.ParsedFormat == WebhookFormat.Chat ? Chat(visible) : Raw(visible);
    }

    /// <summary>The event as this subscriber may see it: without the person unless it is configured to get it.</summary>
    public static LeadEvent ForSubscriber(LeadEvent leadEvent, bool includePerson)
    {
        ArgumentNullException.ThrowIfNull(leadEvent);
        return includePerson || leadEvent.Person is null ? leadEvent : leadEvent with { Person = null };
    }

    public static byte[] Raw(LeadEvent leadEvent) => Encoding.UTF8.GetBytes(LeadEventJson.Write(leadEvent));

    public static byte[] Chat(LeadEvent leadEvent) => JsonSerializer.SerializeToUtf8Bytes(new ChatMessage(ChatText.Of(leadEvent)), WebhookJsonContext.Default.ChatMessage);
}
