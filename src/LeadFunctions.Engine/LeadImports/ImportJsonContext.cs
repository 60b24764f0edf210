using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadFunctions.Engine.LeadImports;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChunkMessage))]
[JsonSerializable(typeof(List<ImportRow>))]
[JsonSerializable(typeof(List<ImportError>))]
internal sealed partial class ImportJsonContext : JsonSerializerContext;
