using LeadFunctions.Engine.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadFunctions.Engine.Tests.Webhooks;

/// <summary>When a subscriber is tried: closed until a run of failures, then open, then one probe at a time.</summary>
public sealed class WebhookCircuitTests
{
    private const string Hook = "hook-a";
    private static readonly DateTimeOffset _start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(_start);
    private readonly WebhookCircuit _circuit;

    public WebhookCircuitTests() => _circuit = new(
        Options.Create(new WebhookOptions { Circuit = new WebhookCircuitOptions { FailuresToOpen = 3, OpenFor = TimeSpan.FromSeconds(30) } }),
        _clock,
        NullLogger<WebhookCircuit>.Instance);

    [Fact]
    public async Task Failures_short_of_the_run_and_failures_broken_by_a_delivery_keep_it_closed()
    {
        await FailAsync(2);
        await SendAsync(WebhookAttempt.Success);
        await FailAsync(2);

        Assert.True(await SentAsync(Hook));
        Assert.Null(_circuit.OpenUntil(Hook));
    }

    [Fact]
    public async Task A_run_of_failures_opens_it_for_the_configured_time_for_that_subscriber_only()
    {
        await FailAsync(3);

        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(await SentAsync(Hook));
        Assert.Equal(_start.AddSeconds(30), _circuit.OpenUntil(Hook));
        Assert.True(await SentAsync("hook-b"));
    }

    [Fact]
    public async Task Once_open_long_enough_one_probe_goes_and_its_result_closes_or_reopens_it()
    {
        await FailAsync(3);
        _clock.Advance(TimeSpan.FromSeconds(30));
        var later = _clock.GetUtcNow();

        var probe = new TaskCompletionSource<WebhookAttempt>();
        var probing = _circuit.TrySendAsync(Hook, () => probe.Task);
        Assert.False(await SentAsync(Hook));

        probe.SetResult(WebhookAttempt.Failed("HTTP 500"));
        Assert.NotNull(await probing);
        Assert.Equal(later.AddSeconds(30), _circuit.OpenUntil(Hook));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.False(await SentAsync(Hook));

        _clock.Advance(TimeSpan.FromSeconds(29));
        await SendAsync(WebhookAttempt.Success);
        Assert.Null(_circuit.OpenUntil(Hook));
        Assert.True(await SentAsync(Hook));
        Assert.True(await SentAsync(Hook));
    }

    [Fact]
    public async Task A_probe_cancelled_mid_send_leaves_the_next_caller_free_to_probe()
    {
        await FailAsync(3);
        _clock.Advance(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<OperationCanceledException>(() => _circuit.TrySendAsync(Hook, () => throw new OperationCanceledException()));

        Assert.True(await SentAsync(Hook));
    }

    /// <summary>Whether a POST to the subscriber went out (it is answered with a success).</summary>
    private async Task<bool> SentAsync(string hook) => await _circuit.TrySendAsync(hook, () => Task.FromResult(WebhookAttempt.Success)) is not null;

    private Task<WebhookAttempt?> SendAsync(WebhookAttempt answer) => _circuit.TrySendAsync(Hook, () => Task.FromResult(answer));

    private async Task FailAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            await SendAsync(WebhookAttempt.Failed("HTTP 500"));
        }
    }
}
