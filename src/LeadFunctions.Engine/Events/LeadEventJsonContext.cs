using System.Text.Json;
using System.Text.Json.Serialization;
using LeadFunctions.Domain.Events;

namespace LeadFunctions.Engine.Events;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LeadEvent))]
[JsonSerializable(typeof(LeadEvent[]))]
internal sealed partial class LeadEventJsonContext : JsonSerializerContext;
