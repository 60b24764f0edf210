using System.Text.Json;
using System.Text.Json.Serialization;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Identity;

namespace LeadFunctions.Engine.Transitions;

/// <summary>The wire format of queued commands, shared by the Service Bus trigger and the local queue consumer.</summary>
public static class TransitionJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // A message missing its type, time or actor must be refused, not read as defaults (FormSubmitted, year 1).
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public static byte[] Serialize(TransitionEnvelope envelope) => JsonSerializer.SerializeToUtf8Bytes(envelope, Options);

    /// <summary>Null when the body is not a readable envelope: such a message can never succeed and is dead-lettered.</summary>
    public static TransitionEnvelope? TryDeserialize(ReadOnlyMemory<byte> body, out string? error)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize<TransitionEnvelope>(body.Span, Options);
            error = envelope?.Command is null || !LeadIdentity.IsWellFormed(envelope.LeadId) || string.IsNullOrEmpty(envelope.Command.CommandId)
                ? "The message is not a transition envelope."
                : envelope.Command.Type == TransitionType.FormSubmitted
                    ? "Form submissions are applied at intake, never queued."
                    : null;
            return error is null ? envelope : null;
        }
        catch (JsonException ex)
        {
            error = $"Unreadable message body at {ex.Path ?? "$"}.";
            return null;
        }
    }
}
