using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadFunctions.Engine.Webhooks;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ChatMessage))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
