using System.ComponentModel.DataAnnotations;

namespace LeadFunctions.Http.RateLimiting;

/// <summary>Where the intake rate limiter reads the client's address from.</summary>
public enum ClientAddressSource
{
    /// <summary><see cref="ForwardedForFirst"/> when running in Azure Functions (FUNCTIONS_WORKER_RUNTIME is set), else <see cref="Connection"/>.</summary>
    Auto,

    /// <summary>The TCP peer (HttpContext.Connection.RemoteIpAddress). Right for a host that faces clients directly.</summary>
    Connection,

    /// <summary>The first X-Forwarded-For hop, falling back to the TCP peer. Only behind a trusted proxy that sets the header.</summary>
    ForwardedForFirst,

    /// <summary>The last X-Forwarded-For hop: for a proxy that appends to a client-supplied header instead of replacing it.</summary>
    ForwardedForLast,
}

/// <summary>
/// Intake:RateLimit: a fixed window of <see cref="PermitLimit"/> submissions per <see cref="Window"/> for each client address.
/// There is no queue (QueueLimit 0): a request over the limit is answered 429 with Retry-After at once, never held.
/// </summary>
public sealed class IntakeRateLimitOptions
{
    public const string Section = "Intake:RateLimit";

    public bool Enabled { get; set; } = true;

    /// <summary>Submissions per client and window. 30 a minute is far above what a person types, and leaves room for a few people behind one office NAT.</summary>
    [Range(1, int.MaxValue)]
    public int PermitLimit { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    public ClientAddressSource ClientAddress { get; set; } = ClientAddressSource.Auto;

    /// <summary>The source <see cref="ClientAddressSource.Auto"/> stands for in this process.</summary>
    public ClientAddressSource EffectiveClientAddress => ClientAddress != ClientAddressSource.Auto
        ? ClientAddress
        : string.IsNullOrEmpty(Environment.GetEnvironmentVariable("FUNCTIONS_WORKER_RUNTIME")) ? ClientAddressSource.Connection : ClientAddressSource.ForwardedForFirst;
}
