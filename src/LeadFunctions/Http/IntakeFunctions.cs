using LeadFunctions.Http;
using LeadFunctions.Http.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.Http;

/// <summary>Website form intake and the health probe: anonymous, as browsers and load balancers call them. CORS is the platform's.</summary>
public static class IntakeFunctions
{
    [Function("SubmitForm")]
    public static Task<IResult> SubmitForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "forms/{formId}/submissions")] HttpRequest request,
        string formId) => IntakeEndpoints.SubmitAsync(request, formId);

    [Function("OpenApi")]
    public static IResult OpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) => OpenApiEndpoints.Get();

    [Function("Health")]
    public static Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request) => HealthEndpoints.GetAsync(request);
}
