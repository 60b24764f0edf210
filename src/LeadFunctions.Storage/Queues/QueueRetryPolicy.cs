namespace LeadFunctions.Storage.Queues;

/// <summary>How often a local queue's message is tried, and how long it waits between tries.</summary>
internal sealed record QueueRetryPolicy(int MaxAttempts, TimeSpan InitialBackoff, TimeSpan MaxBackoff)
{
    /// <summary>Doubles with each delivery, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BackoffAfter(long dequeueCount)
    {
        var factor = Math.Pow(2, Math.Clamp(dequeueCount - 1, 0, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(InitialBackoff.Ticks * factor, MaxBackoff.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }
}
