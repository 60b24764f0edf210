using Microsoft.AspNetCore.Http;

namespace LeadFunctions.Http.OpenApi;

/// <summary>GET /api/openapi.json: the hand-written contract, checked against the running host by the API tests.</summary>
public static class OpenApiEndpoints
{
    private static readonly Lazy<byte[]> Document = new(() =>
    {
        using var stream = typeof(OpenApiEndpoints).Assembly.GetManifestResourceStream("LeadFunctions.openapi.json")
            ?? throw new InvalidOperationException("The OpenAPI document is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    public static IResult Get() => Results.Bytes(Document.Value, "application/json");
}
