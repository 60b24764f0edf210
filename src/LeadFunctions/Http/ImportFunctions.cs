using LeadFunctions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.Http;

/// <summary>Imports for operators (keyed): start one from an NDJSON or CSV list, follow its progress.</summary>
public sealed class ImportFunctions
{
    private readonly ImportEndpoints _imports;

    public ImportFunctions(ImportEndpoints imports) => _imports = imports;

    [Function("StartImport")]
    public async Task<IResult> StartImport(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "imports")] HttpRequest request)
        => (await _imports.StartAsync(request)).Result;

    [Function("GetImport")]
    public async Task<IResult> GetImport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "imports/{importId}")] HttpRequest request,
        string importId)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await _imports.GetAsync(importId, request.HttpContext.RequestAborted)).Result;
    }
}
