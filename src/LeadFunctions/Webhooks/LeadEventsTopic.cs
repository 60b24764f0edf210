namespace LeadFunctions.Functions.Webhooks;

/// <summary>
/// Where the webhook trigger reads: the lead-events topic the relay publishes to (SessionId = LeadId, so one lead's
/// events arrive in order) and its session-enabled webhooks subscription, both created by the infrastructure.
/// Fixed names, not settings: the relay and the infrastructure use the same ones.
/// </summary>
public static class LeadEventsTopic
{
    public const string Name = "lead-events";
    public const string WebhooksSubscription = "webhooks";

    /// <summary>The retry pass in Azure: every 15 seconds, so the first retry (about 5 s after a failure) waits at most that long.</summary>
    public const string RetrySchedule = "*/15 * * * * *";
}
