using System.Text.Json;
using System.Text.Json.Serialization;

namespace LeadFunctions.Http;

/// <summary>The API's JSON: camelCase, enums by canonical name, nulls left out.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
