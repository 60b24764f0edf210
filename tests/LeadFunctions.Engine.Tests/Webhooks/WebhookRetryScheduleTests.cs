using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Webhooks;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Tests.Webhooks;

public sealed class WebhookRetryScheduleTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    private readonly WebhookRetrySchedule _schedule = new(Options.Create(new WebhookOptions()));

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(3, 40)]
    [InlineData(12, 1800)]
    public void Retries_back_off_exponentially_with_jitter_up_to_the_cap(int attemptsSoFar, double nominalSeconds)
    {
        var now = Start.AddMinutes(1);
        for (var i = 0; i < 50; i++)
        {
            var next = _schedule.AfterFailure(Delivery(attemptsSoFar), "HTTP 500", now);

            Assert.Equal(DeliveryState.Pending, next.State);
            Assert.Equal(attemptsSoFar + 1, next.Attempts);
            var delay = (next.NextAttemptAt!.Value - now).TotalSeconds;
            Assert.InRange(delay, nominalSeconds * 0.75, nominalSeconds * 1.25);
        }
    }

    [Fact]
    public void The_last_retry_is_at_the_end_of_the_window_and_a_failure_then_is_dead()
    {
        var nearTheEnd = Start.AddHours(24).AddSeconds(-1);

        var last = _schedule.AfterFailure(Delivery(40), "timeout", nearTheEnd);
        Assert.Equal(Start.AddHours(24), last.NextAttemptAt);

        var dead = _schedule.AfterFailure(last, "timeout", Start.AddHours(24));
        Assert.Equal(DeliveryState.Dead, dead.State);
        Assert.Null(dead.NextAttemptAt);
        Assert.Equal("timeout", dead.LastError);
    }

    private static WebhookDelivery Delivery(int attempts)
        => new("wh-0", "ld-x", 1, LeadEventType.LeadCreated, DeliveryState.Pending, attempts, Start, Start, Start, null, "{}");
}
