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

    /// <summary>
    /// How long an event whose lead has an earlier event not yet seen by the handler waits for it at most. The earlier
    /// one is usually a message a stopped consumer had received, back when its visibility timeout (60 s locally) or lock
    /// ends and the backlog ahead of it is read, or one the outbox relay has not published yet; when it is delivered the
    /// held one follows at once. Only an earlier event that never comes (an erased lead's unpublished events, a
    /// poisoned message) costs the whole hold.
    /// </summary>
    public TimeSpan OrderHold { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>At most this many open deliveries are looked at in one pass.</summary>
    public int BatchSize { get; set; } = 200;
}
