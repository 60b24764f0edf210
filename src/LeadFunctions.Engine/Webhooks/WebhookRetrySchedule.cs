using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Webhooks;

/// <summary>
/// When a failed delivery is tried next: exponential from the initial delay, capped, with ±25 % jitter so receivers
/// coming back from an outage are not hit by every subscriber's retries in the same second; dead once the window is over.
/// </summary>
public sealed class WebhookRetrySchedule
{
    private readonly WebhookRetryOptions _options;

    public WebhookRetrySchedule(IOptions<WebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value.Retry;
    }

    public WebhookDelivery AfterFailure(WebhookDelivery delivery, string error, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var attempts = delivery.Attempts + 1;
        var deadline = delivery.WindowStart + _options.Window;
        if (now >= deadline)
        {
            return delivery with { State = DeliveryState.Dead, Attempts = attempts, NextAttemptAt = null, LastError = error };
        }

        var exponential = _options.InitialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = Math.Min(exponential, _options.MaxDelay.TotalMilliseconds) * (0.75 + (Random.Shared.NextDouble() * 0.5));
        var next = now + TimeSpan.FromMilliseconds(delay);
        return delivery with
        {
            State = DeliveryState.Pending,
            Attempts = attempts,
            NextAttemptAt = next < deadline ? next : deadline,
            LastError = error,
        };
    }
}
