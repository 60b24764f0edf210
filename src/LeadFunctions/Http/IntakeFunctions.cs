using LeadFunctions.Http;
using LeadFunctions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.Http;

/// <summary>Website form intake and the health probe: anonymous, as browsers and load balancers call them. CORS is the platform's.</summary>
public sealed class IntakeFunctions
{
    private readonly IntakeEndpoints _intake;
    private readonly HealthEndpoints _health;
    private readonly OpenApiEndpoints _openApi;

    public IntakeFunctions(IntakeEndpoints intake, HealthEndpoints health, OpenApiEndpoints openApi)
    {
        _intake = intake;
        _health = health;
        _openApi = openApi;
    }

    [Function("SubmitForm")]
    public async Task<IResult> SubmitForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "forms/{formId}/submissions")] HttpRequest request,
        string formId) => (await _intake.SubmitAsync(request, formId)).Result;

    [Function("OpenApi")]
    public IResult OpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) => _openApi.Get();

    [Function("Health")]
    public async Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return (await _health.GetAsync(request.HttpContext.RequestAborted)).Result;
    }
}
