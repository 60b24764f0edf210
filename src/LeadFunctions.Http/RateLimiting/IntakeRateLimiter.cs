using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using LeadFunctions.Http.Answers;
using LeadFunctions.Http.Rejections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Http.RateLimiting;

/// <summary>
/// Per-client limit on the anonymous form intake, checked inside the shared handler so the local host and the Functions
/// worker (which has no middleware pipeline of its own) apply the same rule. Clients are partitioned by address:
/// IPv4 as is, IPv6 by its /64 (one subscriber usually holds a whole /64), unknown addresses together.
/// </summary>
public sealed class IntakeRateLimiter : IDisposable
{
    public const string ForwardedForHeader = "X-Forwarded-For";

    /// <summary>Set by the Azure App Service front end (which Functions sits behind), overwriting any value a client sent.</summary>
    public const string AppServiceClientIpHeader = "Client-IP";

    private readonly IntakeRateLimitOptions _options;
    private readonly ClientAddressSource _source;
    private readonly PartitionedRateLimiter<string>? _limiter;

    public IntakeRateLimiter(IOptions<IntakeRateLimitOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options.Value;
        _source = _options.EffectiveClientAddress;
        _limiter = _options.Enabled
            ? PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.Get(
                client, _ => new ClockedFixedWindowRateLimiter(time, _options.PermitLimit, _options.Window)))
            : null;
    }

    /// <summary>Null when the request may proceed; otherwise the 429 answer.</summary>
    public ProblemAnswer? Check(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_limiter is null)
        {
            return null;
        }

        using var lease = _limiter.AttemptAcquire(ClientKey(request, _source));
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : _options.Window;
        return new ProblemAnswer(new TooManyRequestsResult(retryAfter));
    }

    /// <summary>The partition key for a request: the client's address as the configured source sees it.</summary>
    public static string ClientKey(HttpRequest request, ClientAddressSource source)
    {
        ArgumentNullException.ThrowIfNull(request);
        var address = source switch
        {
            ClientAddressSource.ForwardedForFirst => ForwardedFor(request, last: false),
            ClientAddressSource.ForwardedForLast => ForwardedFor(request, last: true),
            ClientAddressSource.AppServiceClientIp => Parse(request.Headers[AppServiceClientIpHeader].ToString()) ?? ForwardedFor(request, last: true),
            _ => null,
        } ?? request.HttpContext.Connection.RemoteIpAddress;
        return address is null ? "unknown" : Normalize(address);
    }

    public void Dispose() => _limiter?.Dispose();

    private static IPAddress? ForwardedFor(HttpRequest request, bool last)
    {
        var hops = request.Headers[ForwardedForHeader]
            .SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (hops.Count == 0)
        {
            return null;
        }

        return Parse(last ? hops[^1] : hops[0]);
    }

    /// <summary>"1.2.3.4", "1.2.3.4:5678", "::1", "[::1]:80". Anything else is not an address and falls back to the next source.</summary>
    private static IPAddress? Parse(string? value)
    {
        var text = value?.Trim();
        return string.IsNullOrEmpty(text) ? null
            : IPAddress.TryParse(text, out var address) ? address
            : IPEndPoint.TryParse(text, out var endpoint) ? endpoint.Address
            : null;
    }

    private static string Normalize(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }

    /// <summary>429 problem+json with Retry-After in whole seconds, rounded up so a client that obeys it is let in.</summary>
    private sealed class TooManyRequestsResult(TimeSpan retryAfter) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => StatusCodes.Status429TooManyRequests;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Problems.Rejected(
                StatusCodes.Status429TooManyRequests,
                RejectionReasons.RateLimited,
                Results.Problem(
                    "Too many submissions from this address; try again after the Retry-After delay.",
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests")).ExecuteAsync(httpContext);
        }
    }
}

public static class IntakeRateLimitingServiceCollectionExtensions
{
    /// <summary>Binds Intake:RateLimit and registers the shared limiter (one per process, keyed by client address).</summary>
    public static IServiceCollection AddIntakeRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<IntakeRateLimitOptions>().BindConfiguration(IntakeRateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IntakeRateLimiter>();
        return services;
    }
}
