using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Outbox;

/// <summary>
/// Moves lead events from the outbox to subscribers: publish, then remove. A crash in between leaves the row, and the
/// next pass publishes it again under the same event id, so delivery is at least once and never lost. The fast path
/// publishes a change's events as soon as they are stored (speed to lead); the pass, run on a timer, takes whatever
/// the fast path left behind.
/// The fast path's removals wait for <see cref="RemovePublishedAsync"/> (every
/// <see cref="LeadEventRelayOptions.RemovalInterval"/>, and once more at a graceful stop), which clears many changes'
/// rows with one transaction per partition: removing each change's rows on its own cost a request per change, as
/// much as storing the change. A crash before the removal costs a second publish under the same event id.
/// </summary>
public sealed partial class LeadEventRelay
{
    private readonly ILeadEventOutbox _outbox;
    private readonly ILeadEventPublisher _publisher;
    private readonly LeadEventRelayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LeadEventRelay> _logger;
    private readonly Lock _publishedGate = new();
    private List<LeadEvent> _published = [];
    private long _fastPathMisses;

    public LeadEventRelay(
        ILeadEventOutbox outbox, ILeadEventPublisher publisher, IOptions<LeadEventRelayOptions> options, TimeProvider time, ILogger<LeadEventRelay> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _outbox = outbox;
        _publisher = publisher;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>How many times this instance's fast path left events for the pass: a host's pass loop can idle while it does not move.</summary>
    public long FastPathMisses => Interlocked.Read(ref _fastPathMisses);

    /// <summary>
    /// Publishes events just stored with their change, and queues their rows for removal. Never fails the change: the
    /// events are safe in the outbox, and the pass retries them.
    /// </summary>
    public async Task PublishStoredAsync(IReadOnlyList<LeadEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        try
        {
            await _publisher.PublishAsync(events, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _fastPathMisses);
            LogLeftForPass(events[0].LeadId, events.Count, ex.GetType().Name);
            return;
        }

        lock (_publishedGate)
        {
            _published.AddRange(events);
        }
    }

    /// <summary>How many published events wait for <see cref="RemovePublishedAsync"/>.</summary>
    public int PublishedAwaitingRemoval
    {
        get
        {
            lock (_publishedGate)
            {
                return _published.Count;
            }
        }
    }

    /// <summary>
    /// Removes the rows of every event the fast path has published since the last call; returns how many. A failure is
    /// not thrown: the rows stay for the pass, which publishes them again (same event ids) and removes them.
    /// </summary>
    public async Task<int> RemovePublishedAsync(CancellationToken cancellationToken)
    {
        List<LeadEvent> taken;
        lock (_publishedGate)
        {
            taken = _published;
            _published = [];
        }

        if (taken.Count == 0)
        {
            return 0;
        }

        try
        {
            await _outbox.RemoveAsync(taken, cancellationToken);
            return taken.Count;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref _fastPathMisses);
            LogRemovalLeftForPass(taken.Count, ex.GetType().Name);
            return 0;
        }
    }

    /// <summary>One pass over the outbox: publishes and removes every event older than the grace period; returns how many.</summary>
    public async Task<int> RelayPendingAsync(CancellationToken cancellationToken)
    {
        var recordedBefore = _time.GetUtcNow() - _options.Grace;
        var relayed = 0;
        string? token = null;
        do
        {
            var page = await _outbox.ReadPendingAsync(recordedBefore, _options.PageSize, token, cancellationToken);

            // Each lead's events in their own order; leads are independent of one another.
            var ordered = page.Events.OrderBy(e => e.LeadId, StringComparer.Ordinal).ThenBy(e => e.Sequence).ToList();
            if (ordered.Count > 0)
            {
                await _publisher.PublishAsync(ordered, cancellationToken);
                await _outbox.RemoveAsync(ordered, cancellationToken);
                relayed += ordered.Count;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);

        if (relayed > 0)
        {
            LogRelayed(relayed);
        }

        return relayed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead {LeadId}: {Count} events stay in the outbox for the relay pass ({ErrorType})")]
    private partial void LogLeftForPass(string leadId, int count, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} published events stay in the outbox for the relay pass, which publishes them again ({ErrorType})")]
    private partial void LogRemovalLeftForPass(int count, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Relay pass published {Count} events the fast path left in the outbox")]
    private partial void LogRelayed(int count);
}
