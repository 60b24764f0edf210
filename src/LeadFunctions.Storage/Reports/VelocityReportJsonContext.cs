using System.Text.Json;
using System.Text.Json.Serialization;
using LeadFunctions.Domain.Reports;

namespace LeadFunctions.Storage.Reports;

/// <summary>Source-generated (de)serialisation of a stored velocity report: web casing, enums by name, nulls left out.</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VelocityReport))]
internal sealed partial class VelocityReportJsonContext : JsonSerializerContext;
