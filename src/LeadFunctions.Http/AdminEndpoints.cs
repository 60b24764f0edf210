using System.Globalization;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Engine.Sweeps;
using LeadFunctions.Http.Answers;
using LeadFunctions.Http.Rejections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Hosting;

namespace LeadFunctions.Http;

/// <summary>
/// POST /api/admin/sweeps/{sweep}?dryRun=true&amp;asOf=...: run one sweep now and return its report; GET /api/admin/sweeps:
/// every sweep's latest run, with done of total while one runs (a long run's caller can watch it from another tab).
/// </summary>
public sealed class AdminEndpoints
{
    private readonly SweepRunner _sweeps;
    private readonly SweepStatusReader _status;
    private readonly IHostEnvironment _environment;

    public AdminEndpoints(SweepRunner sweeps, SweepStatusReader status, IHostEnvironment environment)
    {
        _sweeps = sweeps;
        _status = status;
        _environment = environment;
    }

    public Task<Results<JsonHttpResult<SweepStatusList>, ProblemAnswer>> ListSweepsAsync(CancellationToken cancellationToken)
        => StoreOutage.AnswerAsync<Results<JsonHttpResult<SweepStatusList>, ProblemAnswer>>(
            async () => TypedResults.Json(await _status.ListAsync(cancellationToken), ApiJson.Options), p => p, cancellationToken);

    public Task<Results<JsonHttpResult<SweepReport>, ProblemAnswer>> RunSweepAsync(HttpRequest request, string sweep)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StoreOutage.AnswerAsync(() => RunCoreAsync(request, sweep), p => p, request.HttpContext.RequestAborted);
    }

    /// <summary>
    /// A dry run as of now and nothing else, whatever the query says: what the dashboard's signed-in route shows as
    /// "would change". A person who may read the dashboard may not change leads or age them early.
    /// </summary>
    public Task<Results<JsonHttpResult<SweepReport>, ProblemAnswer>> PlanSweepAsync(string sweep, CancellationToken cancellationToken)
        => StoreOutage.AnswerAsync<Results<JsonHttpResult<SweepReport>, ProblemAnswer>>(
            async () => SweepNames.TryParse(sweep, out var kind) ? await RunAsync(kind, asOf: null, dryRun: true, cancellationToken) : NoSuchSweep(),
            p => p,
            cancellationToken);

    private static ProblemAnswer NoSuchSweep()
        => Problems.NotFound(RejectionReasons.NoSuchSweep, $"There is no such sweep. Sweeps: {string.Join(", ", SweepNames.All)}.");

    private async Task<Results<JsonHttpResult<SweepReport>, ProblemAnswer>> RunAsync(SweepKind kind, DateTimeOffset? asOf, bool dryRun, CancellationToken cancellationToken)
        => TypedResults.Json(await _sweeps.RunAsync(kind, asOf, dryRun, cancellationToken), ApiJson.Options);

    private async Task<Results<JsonHttpResult<SweepReport>, ProblemAnswer>> RunCoreAsync(HttpRequest request, string sweep)
    {
        if (!SweepNames.TryParse(sweep, out var kind))
        {
            return NoSuchSweep();
        }

        var dryRun = false;
        var dryRunValues = request.Query["dryRun"];
        if (dryRunValues.Count > 0 && (dryRunValues.Count > 1 || !bool.TryParse(dryRunValues[0], out dryRun)))
        {
            return Problems.Invalid("dryRun", "Must be true or false.");
        }

        DateTimeOffset? asOf = null;
        var asOfValues = request.Query["asOf"];
        if (asOfValues.Count > 0)
        {
            // Time travel is for development and tests: in production a sweep runs as of now, so nobody ages leads early.
            if (!_environment.IsDevelopment())
            {
                return Problems.Invalid("asOf", "Only accepted in the Development environment.");
            }

            if (asOfValues.Count > 1 || !DateTimeOffset.TryParse(asOfValues[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Problems.Invalid("asOf", "Must be an ISO-8601 instant.");
            }

            asOf = parsed;
        }

        return await RunAsync(kind, asOf, dryRun, request.HttpContext.RequestAborted);
    }
}
