using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadFunctions.Http.OpenApi;

/// <summary>
/// GET /api/openapi.json: the document the build generated from the local host's endpoints (see LeadFunctions.LocalHost.csproj),
/// copied next to both hosts' binaries; the API and Functions tests check it matches what the endpoints describe.
/// </summary>
public sealed class OpenApiEndpoints
{
    public const string FileName = "openapi.json";

    private readonly Lazy<byte[]> _document = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, FileName);
        return File.Exists(path)
            ? File.ReadAllBytes(path)
            : throw new InvalidOperationException($"{FileName} is missing next to the binaries; the build generates it.");
    });

    public FileContentHttpResult Get() => TypedResults.Bytes(_document.Value, "application/json");
}
