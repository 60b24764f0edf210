using System.Text;
using System.Text.Json;
using LeadFunctions.Domain.Events;

namespace LeadFunctions.Engine.Events;

/// <summary>
/// The body of a message on a transport that carries several events at once (the local lead-events queue): a JSON
/// array of <see cref="LeadEventJson"/> events, in the order they were published. A storage queue charges for every
/// message sent and, more to the point, every message settled, so a burst of changes travels in few messages.
/// A single event object is read too: what a Service Bus message and an older queue message carry.
/// </summary>
public static class LeadEventMessageJson
{
    /// <summary>
    /// Room per message: a storage queue takes 64 KiB of text, and this JSON is ASCII with its XML-sensitive characters
    /// escaped (LeadEventJson's encoder), so the queue's XML envelope cannot grow it past the limit.
    /// </summary>
    public const int MaxMessageChars = 48 * 1024;

    /// <summary>Events already written by <see cref="LeadEventJson.Write"/>, joined into message bodies of at most <paramref name="maxChars"/>
    /// each (an event larger than that goes alone), keeping their order.</summary>
    public static IReadOnlyList<string> Pack(IEnumerable<string> eventJson, int maxChars = MaxMessageChars)
    {
        ArgumentNullException.ThrowIfNull(eventJson);
        var messages = new List<string>();
        var body = new StringBuilder();
        foreach (var json in eventJson)
        {
            if (body.Length > 0 && body.Length + json.Length + 2 > maxChars)
            {
                messages.Add(body.Append(']').ToString());
                body.Clear();
            }

            body.Append(body.Length == 0 ? '[' : ',').Append(json);
        }

        if (body.Length > 0)
        {
            messages.Add(body.Append(']').ToString());
        }

        return messages;
    }

    /// <exception cref="JsonException">The text is neither a lead event nor an array of them.</exception>
    public static IReadOnlyList<LeadEvent> Read(string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(json);
        if (!json.AsSpan().TrimStart().StartsWith("["))
        {
            return [LeadEventJson.Read(json)];
        }

        var events = JsonSerializer.Deserialize(json, LeadEventJsonContext.Default.LeadEventArray)
            ?? throw new JsonException("A lead event message is null.");
        if (events.Length == 0 || events.Any(e => e is null))
        {
            throw new JsonException("A lead event message holds no event, or a null one.");
        }

        return events;
    }
}
