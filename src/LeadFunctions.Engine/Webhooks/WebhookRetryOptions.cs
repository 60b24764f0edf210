namespace LeadFunctions.Engine.Webhooks;

/// <summary>
/// LeadEvents:Retry: a failed delivery is tried again after <see cref="InitialDelay"/>, doubling up to
/// <see cref="MaxDelay"/> with jitter, until <see cref="Window"/> has passed since it was first due; then it is dead.
/// </summary>
public sealed class WebhookRetryOptions
{
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the local host runs the retry pass (the Functions app runs it on its own timer).</summary>
    public TimeSpan PassInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the pass also looks through queued deliveries for one whose line has nothing ahead of it any more.</summary>
    public TimeSpan QueuedScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many open deliveries are looked at in one pass.</summary>
    public int BatchSize { get; set; } = 200;
}
