using LeadFunctions.Engine.Health;
using LeadFunctions.Http.Answers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadFunctions.Http;

/// <summary>GET /api/health: 200 when storage answers, 503 when it does not.</summary>
public sealed class HealthEndpoints
{
    private readonly IStorageHealth _health;

    public HealthEndpoints(IStorageHealth health) => _health = health;

    public async Task<Results<JsonHttpResult<HealthStatus>, ProblemAnswer>> GetAsync(CancellationToken cancellationToken)
    {
        bool healthy;
        try
        {
            healthy = await _health.IsHealthyAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Any failure to answer (auth, DNS, throttling) is "not healthy", never a 500.
            healthy = false;
        }

        return healthy ? TypedResults.Json(HealthStatus.Healthy, ApiJson.Options) : Problems.Unavailable();
    }
}
