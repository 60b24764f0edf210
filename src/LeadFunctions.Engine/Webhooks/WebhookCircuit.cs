using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Webhooks;

/// <summary>
/// Per subscriber, whether a POST may be tried now. A receiver that is down answers each POST with an error, or, when it
/// hangs, with nothing until the timeout: every new lead's event then costs its line a timeout, and the consumer's
/// messages wait on it, so the healthy subscribers' events queue behind a dead one. After a run of failures the circuit
/// opens, and events for that subscriber are recorded for the retry pass without a POST; when it has been open long
/// enough one POST at a time tries the receiver again. Per instance: each learns of a failing receiver by itself.
/// </summary>
public sealed partial class WebhookCircuit
{
    private readonly ConcurrentDictionary<string, State> _states = new(StringComparer.Ordinal);
    private readonly IOptions<WebhookOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookCircuit> _logger;

    public WebhookCircuit(IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookCircuit> logger)
    {
        _options = options;
        _time = time;
        _logger = logger;
    }

    private WebhookCircuitOptions Options => _options.Value.Circuit;

    /// <summary>
    /// POSTs through the circuit: null, and no POST, while it is open; otherwise how the POST went, which moves the
    /// circuit. A POST ended by cancellation (the host stopping) says nothing of the receiver, so it is not counted, but it
    /// frees the probe's place: left taken, the circuit would stay shut for good.
    /// </summary>
    public async Task<WebhookAttempt?> TrySendAsync(string subscriberId, Func<Task<WebhookAttempt>> send)
    {
        ArgumentNullException.ThrowIfNull(send);
        if (!AllowsSend(subscriberId, _time.GetUtcNow()))
        {
            return null;
        }

        WebhookAttempt attempt;
        try
        {
            attempt = await send();
        }
        catch
        {
            EndProbe(subscriberId);
            throw;
        }

        Record(subscriberId, attempt.Delivered, _time.GetUtcNow());
        return attempt;
    }

    /// <summary>
    /// Whether to POST to the subscriber now. While open, false; once <see cref="WebhookCircuitOptions.OpenFor"/> has
    /// passed, true for one caller at a time (the probe), until its result is recorded.
    /// </summary>
    private bool AllowsSend(string subscriberId, DateTimeOffset now)
    {
        var state = _states.GetOrAdd(subscriberId, _ => new State());
        lock (state)
        {
            if (state.OpenUntil is not { } until)
            {
                return true;
            }

            if (now < until || state.Probing)
            {
                return false;
            }

            state.Probing = true;
            return true;
        }
    }

    /// <summary>When a subscriber's open circuit next lets a POST through; null when it is closed.</summary>
    public DateTimeOffset? OpenUntil(string subscriberId)
    {
        if (!_states.TryGetValue(subscriberId, out var state))
        {
            return null;
        }

        lock (state)
        {
            return state.OpenUntil;
        }
    }

    private void EndProbe(string subscriberId)
    {
        var state = _states.GetOrAdd(subscriberId, _ => new State());
        lock (state)
        {
            state.Probing = false;
        }
    }

    /// <summary>The result of a POST: a delivery closes the circuit; a failure counts toward opening it, or reopens it after a probe.</summary>
    private void Record(string subscriberId, bool delivered, DateTimeOffset now)
    {
        var state = _states.GetOrAdd(subscriberId, _ => new State());
        bool opened, closed;
        int failures;
        lock (state)
        {
            var wasOpen = state.OpenUntil is not null;
            state.Probing = false;
            if (delivered)
            {
                state.Failures = 0;
                state.OpenUntil = null;
                opened = false;
                closed = wasOpen;
            }
            else
            {
                state.Failures++;
                opened = state.Failures >= Math.Max(1, Options.FailuresToOpen) && (!wasOpen || now >= state.OpenUntil);
                if (opened)
                {
                    state.OpenUntil = now + Options.OpenFor;
                }

                closed = false;
            }

            failures = state.Failures;
        }

        if (opened)
        {
            LogOpened(subscriberId, failures, Options.OpenFor);
        }
        else if (closed)
        {
            LogClosed(subscriberId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {SubscriberId} failed {Failures} times in a row; no POST to it for {OpenFor}, its events wait for the retry pass")]
    private partial void LogOpened(string subscriberId, int failures, TimeSpan openFor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {SubscriberId} takes events again; sending what waited")]
    private partial void LogClosed(string subscriberId);

    private sealed class State
    {
        public int Failures { get; set; }

        public DateTimeOffset? OpenUntil { get; set; }

        public bool Probing { get; set; }
    }
}
