using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Engine.Sweeps;
using LeadFunctions.Http.Rejections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LeadFunctions.Http;

/// <summary>POST /api/admin/sweeps/{sweep}?dryRun=true&amp;asOf=...: run one sweep now and return its report.</summary>
public static class AdminEndpoints
{
    public static Task<IResult> RunSweepAsync(HttpRequest request, string sweep) => Guard.RunAsync(request, async () =>
    {
        if (!SweepNames.TryParse(sweep, out var kind))
        {
            return Problems.NotFound(RejectionReasons.NoSuchSweep, $"There is no such sweep. Sweeps: {string.Join(", ", SweepNames.All)}.");
        }

        var services = request.HttpContext.RequestServices;
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
            if (!services.GetRequiredService<IHostEnvironment>().IsDevelopment())
            {
                return Problems.Invalid("asOf", "Only accepted in the Development environment.");
            }

            if (asOfValues.Count > 1 || !DateTimeOffset.TryParse(asOfValues[0], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Problems.Invalid("asOf", "Must be an ISO-8601 instant.");
            }

            asOf = parsed;
        }

        var report = await services.GetRequiredService<SweepRunner>().RunAsync(kind, asOf, dryRun, request.HttpContext.RequestAborted);
        return Results.Json(report, ApiJson.Options);
    });
}

/// <summary>GET /api/health: 200 when storage answers, 503 when it does not.</summary>
public static class HealthEndpoints
{
    public static async Task<IResult> GetAsync(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        bool healthy;
        try
        {
            healthy = await request.HttpContext.RequestServices.GetRequiredService<IStorageHealth>().IsHealthyAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Any failure to answer (auth, DNS, throttling) is "not healthy", never a 500.
            healthy = false;
        }

        return healthy
            ? Results.Json(new { status = "Healthy" }, ApiJson.Options)
            : Problems.Unavailable();
    }
}
