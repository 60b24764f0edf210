using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadFunctions.Storage.Leads;

/// <summary>
/// Source-generated (de)serialisation of <see cref="LeadDocument"/>: the options are the ones rows have always been
/// written with (web casing, enums by name, nulls left out), fixed at compile time rather than by reflection.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LeadDocument))]
[JsonSerializable(typeof(LeadDocumentHeader))]
[JsonSerializable(typeof(AssignmentDocument))]
internal sealed partial class LeadDocumentJsonContext : JsonSerializerContext;
