using System.ComponentModel.DataAnnotations;
using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Outbox;
using LeadFunctions.Engine.Tests.Support;
using Microsoft.Extensions.Options;
using Moq;

namespace LeadFunctions.Engine.Tests.Outbox;

/// <summary>The background removal of published events' outbox rows: on its interval, and once more at a graceful stop.</summary>
public sealed class PublishedEventRemovalTests : IDisposable
{
    private readonly Harness _h = new();
    private readonly List<string> _removed = [];

    public PublishedEventRemovalTests()
    {
        _h.Outbox.Setup(o => o.RemoveAsync(It.IsAny<IReadOnlyCollection<LeadEvent>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyCollection<LeadEvent> events, CancellationToken _) =>
            {
                lock (_removed)
                {
                    _removed.AddRange(events.Select(e => e.EventId));
                }
            })
            .Returns(Task.CompletedTask);
    }

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Published_rows_are_removed_when_the_interval_ends_not_before()
    {
        using var removal = new PublishedEventRemoval(_h.Relay, Options.Create(new LeadEventRelayOptions()), _h.Time);
        await removal.StartAsync(CancellationToken.None);
        await _h.Relay.PublishStoredAsync([Event("a", 1)], CancellationToken.None);

        _h.Time.Advance(TimeSpan.FromSeconds(1.9));
        await Task.Delay(50);
        Assert.Empty(Removed());

        _h.Time.Advance(TimeSpan.FromSeconds(0.1));
        await WaitForAsync(() => Removed().Count == 1);
        Assert.Equal(["a:1"], Removed());

        await removal.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_graceful_stop_removes_what_was_published_since_the_last_interval()
    {
        using var removal = new PublishedEventRemoval(_h.Relay, Options.Create(new LeadEventRelayOptions()), _h.Time);
        await removal.StartAsync(CancellationToken.None);
        await _h.Relay.PublishStoredAsync([Event("a", 1), Event("a", 2)], CancellationToken.None);

        await removal.StopAsync(CancellationToken.None);

        Assert.Equal(["a:1", "a:2"], Removed());
        Assert.Equal(0, _h.Relay.PublishedAwaitingRemoval);
    }

    [Theory]
    [InlineData(2, 5, true)]
    [InlineData(3, 5, false)]
    [InlineData(0, 5, false)]
    public void The_removal_interval_must_stay_within_half_the_grace_period(double intervalSeconds, double graceSeconds, bool valid)
    {
        var options = new LeadEventRelayOptions { RemovalInterval = TimeSpan.FromSeconds(intervalSeconds), Grace = TimeSpan.FromSeconds(graceSeconds) };

        var ok = Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true);

        Assert.Equal(valid, ok);
    }

    private List<string> Removed()
    {
        lock (_removed)
        {
            return [.. _removed];
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }
    }

    private LeadEvent Event(string leadId, long sequence) => OutboxTestEvents.StatusChanged(leadId, sequence, _h.Now);
}
