using System.Text.Json;
using LeadFunctions.Domain.Events;

namespace LeadFunctions.Engine.Events;

/// <summary>
/// The one wire form of a lead event: the outbox row, the message on the lead-events topic (or local queue) and the
/// raw webhook body all carry exactly this JSON (camelCase, enums by name, nulls left out).
/// </summary>
public static class LeadEventJson
{
    public static string Write(LeadEvent leadEvent)
    {
        ArgumentNullException.ThrowIfNull(leadEvent);
        return JsonSerializer.Serialize(leadEvent, LeadEventJsonContext.Default.LeadEvent);
    }

    /// <exception cref="JsonException">The text is not a lead event.</exception>
    public static LeadEvent Read(string json)
    {
        ArgumentException.ThrowIfNullOrEmpty(json);
        return JsonSerializer.Deserialize(json, LeadEventJsonContext.Default.LeadEvent)
            ?? throw new JsonException("A lead event message is null.");
    }
}
