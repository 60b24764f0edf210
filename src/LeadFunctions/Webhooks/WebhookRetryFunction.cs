using LeadFunctions.Engine.Webhooks;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.Webhooks;

/// <summary>The webhook retry pass on a timer (a timer function runs on one instance at a time). Never RunOnStartup.</summary>
public sealed class WebhookRetryFunction
{
    private readonly WebhookRetryPass _retries;

    public WebhookRetryFunction(WebhookRetryPass retries) => _retries = retries;

    [Function(nameof(RetryWebhooks))]
    public async Task RetryWebhooks([TimerTrigger(LeadEventsTopic.RetrySchedule)] TimerInfo timer, CancellationToken cancellationToken)
        => await _retries.RunAsync(cancellationToken);
}
