using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Transitions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadFunctions.Engine.Tests.Transitions;

public sealed class StoreOutageBackoffTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    private StoreOutageBackoff Backoff(TimeSpan? budget = null) => new(
        _time,
        Options.Create(new StoreOutageBackoffOptions { FirstDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(30), Budget = budget ?? TimeSpan.FromMinutes(4) }),
        NullLogger<StoreOutageBackoff>.Instance);

    /// <summary>Advances the fake clock a second at a time until the task ends (bounded, so a bug cannot hang the run).</summary>
    private async Task<T> Drive<T>(Task<T> task)
    {
        for (var second = 0; !task.IsCompleted && second < 3600; second++)
        {
            await Task.Delay(1);
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        return await task;
    }

    [Fact]
    public async Task A_sixty_second_outage_is_ridden_out_within_one_delivery()
    {
        var outageEnds = _time.GetUtcNow().AddSeconds(60);
        var attempts = new List<DateTimeOffset>();

        var result = await Drive(Backoff().RunAsync(
            _ =>
            {
                attempts.Add(_time.GetUtcNow());
                return _time.GetUtcNow() < outageEnds ? throw new StoreUnavailableException() : Task.FromResult("applied");
            },
            CancellationToken.None));

        Assert.Equal("applied", result);
        Assert.True(attempts[^1] >= outageEnds);

        // 2, 4, 8, 16, 30 s apart: the store is not hammered while it is down, and the wait after it is back is bounded by the cap.
        var gaps = attempts.Zip(attempts.Skip(1), (a, b) => (b - a).TotalSeconds).ToList();
        Assert.Equal([2, 4, 8, 16, 30], gaps.Select(g => Math.Round(g)).ToList());
    }

    [Fact]
    public async Task An_outage_longer_than_the_budget_gives_the_message_back_within_the_budget()
    {
        var started = _time.GetUtcNow();
        var attempts = 0;

        var failure = Drive(Backoff(TimeSpan.FromMinutes(1)).RunAsync<string>(
            _ =>
            {
                attempts++;
                throw new StoreUnavailableException();
            },
            CancellationToken.None));

        await Assert.ThrowsAsync<StoreUnavailableException>(() => failure);
        // Tries at 0, 2, 6, 14, 30 and 60 s; one more wait of 30 s would pass the budget, so it gives up at once.
        Assert.Equal(TimeSpan.FromMinutes(1), _time.GetUtcNow() - started);
        Assert.Equal(6, attempts);
    }

    [Fact]
    public async Task Other_failures_are_not_retried()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => Backoff().RunAsync<string>(
            _ =>
            {
                attempts++;
                throw new InvalidOperationException("a bug, not an outage");
            },
            CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task A_zero_budget_gives_the_message_back_at_once()
    {
        var attempts = 0;

        await Assert.ThrowsAsync<StoreUnavailableException>(() => Backoff(TimeSpan.Zero).RunAsync<string>(
            _ =>
            {
                attempts++;
                throw new StoreUnavailableException();
            },
            CancellationToken.None));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Shutting_down_stops_the_wait()
    {
        using var shutdown = new CancellationTokenSource();
        var waiting = Backoff().RunAsync<string>(_ => throw new StoreUnavailableException(), shutdown.Token);

        await shutdown.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
