using System.Security.Cryptography;
using System.Text;
using LeadFunctions.Http.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Http;

public static class LeadApi
{
    public const string IntakeCorsPolicy = "intake";
    public const string KeyHeader = "x-functions-key";
    public const string KeyQuery = "code";

    /// <summary>Options and the intake CORS policy (origins from Intake:AllowedOrigins). Hosts add the engine and storage.</summary>
    public static IServiceCollection AddLeadHttp(this IServiceCollection services)
    {
        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.Section);
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        services.AddIntakeRateLimiting();
        services.TryAddSingleton<IStorageHealth, LeadStoreHealth>();
        services.AddProblemDetails();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<IntakeOptions>>((cors, intake) => cors.AddPolicy(IntakeCorsPolicy, policy => policy
            .WithOrigins([.. intake.Value.AllowedOrigins.Select(o => o.TrimEnd('/'))])
            .WithMethods(HttpMethods.Post)
            .WithHeaders("Content-Type", IntakeEndpoints.IdempotencyKeyHeader)
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));
        return services;
    }

    /// <summary>
    /// The whole API under /api for the local host. Keyed routes get <see cref="ApiKeyFilter"/>; in Azure the Functions
    /// host checks function keys itself and the triggers call the same handlers without it. Needs app.UseCors().
    /// </summary>
    public static RouteGroupBuilder MapLeadApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(ApiRoutes.Prefix);
        api.MapPost(ApiRoutes.Submissions, (HttpRequest request, string formId) => IntakeEndpoints.SubmitAsync(request, formId))
            .RequireCors(IntakeCorsPolicy).DisableAntiforgery();
        api.MapGet(ApiRoutes.Health, HealthEndpoints.GetAsync);
        api.MapGet(ApiRoutes.OpenApi, OpenApi.OpenApiEndpoints.Get);

        var keyed = api.MapGroup(string.Empty).AddEndpointFilter<ApiKeyFilter>();
        keyed.MapGet(ApiRoutes.Playbook, PlaybookEndpoints.Get);
        keyed.MapPost(ApiRoutes.LeadEvents, (HttpRequest request, string leadId) => EventEndpoints.PostForLeadAsync(request, leadId));
        keyed.MapPost(ApiRoutes.Events, EventEndpoints.PostByEmailAsync);
        keyed.MapGet(ApiRoutes.Leads, ViewEndpoints.ListAsync);
        keyed.MapGet(ApiRoutes.Velocity, ViewEndpoints.VelocityAsync);
        keyed.MapGet(ApiRoutes.Lead, (HttpRequest request, string leadId) => LeadEndpoints.GetAsync(request, leadId));
        keyed.MapDelete(ApiRoutes.Lead, (HttpRequest request, string leadId) => LeadEndpoints.EraseAsync(request, leadId));
        keyed.MapPost(ApiRoutes.Sweep, (HttpRequest request, string sweep) => AdminEndpoints.RunSweepAsync(request, sweep));
        return api;
    }
}

/// <summary>Local stand-in for Functions keys: x-functions-key header or ?code= must equal Api:Key (compared in constant time).</summary>
public sealed class ApiKeyFilter : IEndpointFilter
{
    private readonly IOptionsMonitor<ApiOptions> _options;

    public ApiKeyFilter(IOptionsMonitor<ApiOptions> options) => _options = options;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        return IsAuthorized(context.HttpContext.Request, _options.CurrentValue.Key) ? await next(context) : Problems.Unauthorized();
    }

    public static bool IsAuthorized(HttpRequest request, string? expected)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrEmpty(expected))
        {
            return false;
        }

        var header = request.Headers[LeadApi.KeyHeader];
        var presented = header.Count == 1 ? header[0] : request.Query[LeadApi.KeyQuery] is { Count: 1 } code ? code[0] : null;
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        // Hash both sides first so the comparison takes the same time whatever the lengths.
        var a = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var b = SHA256.HashData(Encoding.UTF8.GetBytes(expected));
        return CryptographicOperations.FixedTimeEquals(a, b);
    }
}
