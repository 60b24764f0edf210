using LeadFunctions.Domain.Playbooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadFunctions.Http;

/// <summary>
/// GET /api/playbook (keyed): the vocabulary of this deployment's playbook, so integrators need not read its JSON. Keyed
/// because stage, status and quadrant names are the company's internal sales language; form ids, which every website
/// form carries anyway, are also named by the unknown-form 404.
/// </summary>
public sealed class PlaybookEndpoints
{
    private readonly PlaybookVocabulary _vocabulary;

    public PlaybookEndpoints(PlaybookVocabulary vocabulary) => _vocabulary = vocabulary;

    public JsonHttpResult<PlaybookVocabulary> Get() => TypedResults.Json(_vocabulary, ApiJson.Options);
}
