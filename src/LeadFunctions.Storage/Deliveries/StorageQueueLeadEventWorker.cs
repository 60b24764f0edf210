using System.Text;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Events;
using LeadFunctions.Engine.Transitions;
using LeadFunctions.Engine.Webhooks;
using LeadFunctions.Storage.Queues;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Deliveries;

/// <summary>
/// The local webhook consumer on the lead-events queue. A message holds one or more events, of one or more leads
/// (<see cref="LeadEventMessageJson"/>). Each lead's share of a message joins that lead's line: it is handled once the
/// lead's share of every message received before it is, so one lead's events reach the handler in the order the relay
/// wrote them, while other leads' shares go side by side and nothing waits for a slow lead but that lead. A message is
/// deleted once every share of it is handled. Receiving goes on while fewer than <see cref="MaxInFlight"/> messages
/// are in hand: rounds that waited for their slowest lead held a burst's deliveries seconds behind. The body is the
/// JSON as text or base64 of it (the Functions queue encoding): both are accepted.
/// </summary>
public sealed partial class StorageQueueLeadEventWorker
{
    private readonly LeadEventQueues _queues;
    private readonly WebhookDeliveryHandler _handler;
    private readonly LeadEventQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StorageQueueLeadEventWorker> _logger;

    public StorageQueueLeadEventWorker(
        LeadEventQueues queues,
        WebhookDeliveryHandler handler,
        IOptions<LeadEventQueueOptions> options,
        TimeProvider time,
        ILogger<StorageQueueLeadEventWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _queues = queues;
        _handler = handler;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>The most messages a storage queue hands out per receive.</summary>
    internal const int ReceiveSize = 32;

    /// <summary>Messages received and not yet settled, at most: what a stopping host may leave to reappear.</summary>
    internal const int MaxInFlight = 64;

    private readonly Dictionary<string, Task> _leadLines = new(StringComparer.Ordinal);
    private readonly HashSet<Task> _inFlight = [];
    private readonly Lock _gate = new();
    private TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LeadEventQueueOptions Options => _options;

    /// <inheritdoc cref="LeadEventQueues.NextArrival"/>
    public Task NextArrival => _queues.NextArrival;

    /// <summary>
    /// Receives what there is room for and starts handling it; returns once it is in hand, not handled. Waits first
    /// while <see cref="MaxInFlight"/> messages are in hand.
    /// </summary>
    /// <returns>How many messages it received (0: the queue looked empty).</returns>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        await _queues.EnsureCreatedAsync(cancellationToken);
        int room;
        while (true)
        {
            // Taken before the count, so a settlement in between still wakes it.
            var settled = Volatile.Read(ref _settled).Task;
            if ((room = Math.Min(ReceiveSize, MaxInFlight - InFlightCount())) > 0)
            {
                break;
            }

            await settled.WaitAsync(cancellationToken);
        }

        var page = await _queues.MapOutagesAsync(() => _queues.Main.ReceiveMessagesAsync(room, _options.VisibilityTimeout, cancellationToken));
        foreach (var message in page.Value)
        {
            Track(HandleAsync(new ReceivedMessage(message, EventsOf(message)), cancellationToken));
        }

        return page.Value.Length;
    }

    /// <summary>Completes when every message in hand is settled (or left to reappear, when stopping): for a host's stop.</summary>
    public Task WhenSettledAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll([.. _inFlight]);
        }
    }

    private int InFlightCount()
    {
        lock (_gate)
        {
            return _inFlight.Count;
        }
    }

    /// <summary>Each lead's share joins its line; the message is settled when all its shares are handled.</summary>
    private async Task HandleAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        // Events that concern no subscriber are only acknowledged, so they need not wait their turn in their lead's line.
        var shares = (message.Events ?? [])
            .GroupBy(e => e.LeadId, StringComparer.Ordinal)
            .Where(share => share.Any(_handler.Concerns))
            .Select(share => JoinLine(share.Key, message, [.. share], cancellationToken))
            .ToList();
        try
        {
            await Task.WhenAll(shares);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the message is left to reappear when its visibility timeout ends.
            return;
        }

        await SettleAsync(message, cancellationToken);
    }

    private Task JoinLine(string leadId, ReceivedMessage message, IReadOnlyList<LeadEvent> share, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var ahead = _leadLines.GetValueOrDefault(leadId) ?? Task.CompletedTask;
            var turn = HandleShareAfterAsync(ahead, message, share, cancellationToken);
            _leadLines[leadId] = turn;
            _ = turn.ContinueWith(_ => LeaveLine(leadId, turn), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return turn;
        }
    }

    private void LeaveLine(string leadId, Task turn)
    {
        lock (_gate)
        {
            if (_leadLines.TryGetValue(leadId, out var last) && last == turn)
            {
                _leadLines.Remove(leadId);
            }
        }
    }

    private async Task HandleShareAfterAsync(Task ahead, ReceivedMessage message, IReadOnlyList<LeadEvent> share, CancellationToken cancellationToken)
    {
        // Always yields, even behind nobody: the caller holds the lines' lock, and the handler must not run under it.
        await ahead.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
        cancellationToken.ThrowIfCancellationRequested();
        await HandleShareAsync(message, share, cancellationToken);
    }

    private void Track(Task handling)
    {
        lock (_gate)
        {
            _inFlight.Add(handling);
        }

        _ = handling.ContinueWith(
            done =>
            {
                if (done.IsFaulted)
                {
                    // A delete the store refused: the message reappears when its visibility timeout ends and is handled again.
                    LogSettleFailed(done.Exception!.GetBaseException().GetType().Name);
                }

                lock (_gate)
                {
                    _inFlight.Remove(done);
                }

                Interlocked.Exchange(ref _settled, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>The events a message carries; null for one that is not lead events (dead-lettered as it is).</summary>
    private static IReadOnlyList<LeadEvent>? EventsOf(QueueMessage message)
    {
        try
        {
            return LeadEventMessageJson.Read(Encoding.UTF8.GetString(BodyOf(message.MessageText)));
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private async Task HandleShareAsync(ReceivedMessage message, IReadOnlyList<LeadEvent> share, CancellationToken cancellationToken)
    {
        try
        {
            await _handler.HandleAsync(share, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            message.Failure ??= ex.GetType().Name;
        }
    }

    private async Task SettleAsync(ReceivedMessage received, CancellationToken cancellationToken)
    {
        var message = received.Message;
        if (received.Events is null)
        {
            await PoisonAsync(message, "The message is not a lead event.", cancellationToken);
            return;
        }

        if (received.Failure is not null)
        {
            if (message.DequeueCount >= _options.MaxAttempts)
            {
                await PoisonAsync(message, $"Failed {message.DequeueCount} deliveries; last error: {received.Failure}", cancellationToken);
            }
            else
            {
                // Left to reappear when its visibility timeout ends: the store is what failed, and it needs time. The
                // leads whose share was handled get theirs again; the handler takes a repeated event in without a second row.
                LogRetry(message.MessageId, message.DequeueCount, received.Failure);
            }

            return;
        }

        await _queues.MapOutagesAsync(() => _queues.Main.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken));
    }

    private static byte[] BodyOf(string text)
    {
        if (text.TrimStart().StartsWith('{'))
        {
            return Encoding.UTF8.GetBytes(text);
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return Encoding.UTF8.GetBytes(text);
        }
    }

    /// <summary>Copy to the poison queue first, then delete: a crash in between delivers it again rather than losing it.</summary>
    private async Task PoisonAsync(QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        LogPoisoned(message.MessageId, message.DequeueCount, reason);
        var poison = new PoisonMessage(reason, message.MessageId, message.DequeueCount, _time.GetUtcNow(), message.MessageText);
        var text = JsonSerializer.Serialize(poison, TransitionJson.Options);
        await _queues.MapOutagesAsync(() => _queues.Poison.SendMessageAsync(text, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken));
        await _queues.MapOutagesAsync(() => _queues.Main.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken));
    }

    /// <summary>A received message, what it carries, and the first failure of a lead's share of it.</summary>
    private sealed record ReceivedMessage(QueueMessage Message, IReadOnlyList<LeadEvent>? Events)
    {
        public string? Failure { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead event message {MessageId} failed on delivery {DequeueCount} ({ErrorType}); it reappears after its visibility timeout")]
    private partial void LogRetry(string messageId, long dequeueCount, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A lead event message was handled but could not be deleted ({ErrorType}); it reappears after its visibility timeout")]
    private partial void LogSettleFailed(string errorType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lead event message {MessageId} moved to the poison queue after {DequeueCount} deliveries: {Reason}")]
    private partial void LogPoisoned(string messageId, long dequeueCount, string reason);
}
