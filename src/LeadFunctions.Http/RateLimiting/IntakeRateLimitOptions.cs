using System.ComponentModel.DataAnnotations;

namespace LeadFunctions.Http.RateLimiting;

/// <summary>Where the intake rate limiter reads the client's address from.</summary>
public enum ClientAddressSource
{
    /// <summary>The host's choice: the Functions app makes it <see cref="AppServiceClientIp"/>; anywhere else it is <see cref="Connection"/>.</summary>
    Auto,

    /// <summary>The TCP peer (HttpContext.Connection.RemoteIpAddress). Right for a host that faces clients directly.</summary>
    Connection,

    /// <summary>The first X-Forwarded-For hop, falling back to the TCP peer. Only behind a trusted proxy that sets the header.</summary>
    ForwardedForFirst,

    /// <summary>The last X-Forwarded-For hop: for a proxy that appends to a client-supplied header instead of replacing it.</summary>
    ForwardedForLast,

    /// <summary>
    /// Azure App Service and Functions: the Client-IP header, which the platform's front end sets on every request and
    /// overwrites when a client sends its own, so it cannot be forged; else the X-Forwarded-For hop the front end
    /// appended (the last); else the peer. The first X-Forwarded-For hop is whatever the client claims.
    /// </summary>
    AppServiceClientIp,
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

    /// <summary>The source in force: <see cref="ClientAddressSource.Auto"/> left by the host means the TCP peer.</summary>
    public ClientAddressSource EffectiveClientAddress => ClientAddress == ClientAddressSource.Auto ? ClientAddressSource.Connection : ClientAddress;
}
