using LeadFunctions.Domain.Playbooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LeadFunctions.Http;

/// <summary>
/// GET /api/playbook (keyed): the vocabulary of this deployment's playbook, so integrators need not read its JSON. Keyed
/// because stage, status and quadrant names are the company's internal sales language; form ids, which every website
/// form carries anyway, are also named by the unknown-form 404.
/// </summary>
public static class PlaybookEndpoints
{
    public static IResult Get(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Results.Json(request.HttpContext.RequestServices.GetRequiredService<PlaybookVocabulary>(), ApiJson.Options);
    }
}
