namespace LeadFunctions.Functions.LeadEvents;

/// <summary>
/// Names infra/modules/servicebus.bicep gives the lead-events topic and its subscriptions; fixed, like the queue's
/// session and duplicate settings, so no app setting can point the app at a topic infra did not create.
/// </summary>
public static class LeadEventTopic
{
    public const string Name = "lead-events";

    /// <summary>The webhook delivery's subscription (sessions on: one lead's events in order).</summary>
    public const string WebhooksSubscription = "webhooks";
}
