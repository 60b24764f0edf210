using LeadFunctions.Engine.Webhooks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Tests.Webhooks;

/// <summary>When a subscriber is tried: closed until a run of failures, then open, then one probe at a time.</summary>
public sealed class WebhookCircuitTests
{
    private const string Hook = "hook-a";
    private static readonly DateTimeOffset _start = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);
    private readonly WebhookCircuit _circuit = new(
        Options.Create(new WebhookOptions { Circuit = new WebhookCircuitOptions { FailuresToOpen = 3, OpenFor = TimeSpan.FromSeconds(30) } }),
        NullLogger<WebhookCircuit>.Instance);

    [Fact]
    public void Failures_short_of_the_run_and_failures_broken_by_a_delivery_keep_it_closed()
    {
        Fail(2);
        _circuit.Record(Hook, delivered: true, _start);
        Fail(2);

        Assert.True(_circuit.AllowsSend(Hook, _start));
        Assert.Null(_circuit.OpenUntil(Hook));
    }

    [Fact]
    public void A_run_of_failures_opens_it_for_the_configured_time_for_that_subscriber_only()
    {
        Fail(3);

        Assert.False(_circuit.AllowsSend(Hook, _start.AddSeconds(29)));
        Assert.Equal(_start.AddSeconds(30), _circuit.OpenUntil(Hook));
        Assert.True(_circuit.AllowsSend("hook-b", _start));
    }

    [Fact]
    public void Once_open_long_enough_one_probe_goes_and_its_result_closes_or_reopens_it()
    {
        Fail(3);
        var later = _start.AddSeconds(30);

        Assert.True(_circuit.AllowsSend(Hook, later));
        Assert.False(_circuit.AllowsSend(Hook, later));

        _circuit.Record(Hook, delivered: false, later);
        Assert.Equal(later.AddSeconds(30), _circuit.OpenUntil(Hook));
        Assert.False(_circuit.AllowsSend(Hook, later.AddSeconds(1)));

        Assert.True(_circuit.AllowsSend(Hook, later.AddSeconds(30)));
        _circuit.Record(Hook, delivered: true, later.AddSeconds(30));
        Assert.Null(_circuit.OpenUntil(Hook));
        Assert.True(_circuit.AllowsSend(Hook, later.AddSeconds(30)));
        Assert.True(_circuit.AllowsSend(Hook, later.AddSeconds(30)));
    }

    private void Fail(int times)
    {
        for (var i = 0; i < times; i++)
        {
            _circuit.Record(Hook, delivered: false, _start);
        }
    }
}
