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
/// One polling round of the local webhook consumer on the lead-events queue (up to two full receives). A round's
/// messages are handled lead by lead side by side, and one lead's messages one at a time in the order the queue gave
/// them, so one lead's events reach the handler in the order the relay wrote them while a burst of leads is not
/// delivered in single file. A round ends when all of its messages are settled, so a lead's next events (in a later
/// round) never overtake them. The body
/// is the event's JSON, as text or base64 of it (the Functions queue encoding): both are accepted.
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

    /// <summary>Receives per round when the queue keeps giving full ones: a round's cost is its slowest lead, so a fuller round moves more.</summary>
    internal const int ReceivesPerRound = 2;

    public LeadEventQueueOptions Options => _options;

    /// <inheritdoc cref="LeadEventQueues.NextArrival"/>
    public Task NextArrival => _queues.NextArrival;

    /// <returns>How many messages it received (0: the queue looked empty).</returns>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        await _queues.EnsureCreatedAsync(cancellationToken);
        var received = new List<QueueMessage>();
        for (var i = 0; i < ReceivesPerRound; i++)
        {
            var page = await _queues.MapOutagesAsync(() => _queues.Main.ReceiveMessagesAsync(ReceiveSize, _options.VisibilityTimeout, cancellationToken));
            received.AddRange(page.Value);
            if (page.Value.Length < ReceiveSize)
            {
                break;
            }
        }

        // An event that concerns no subscriber is only acknowledged, so it need not wait its turn in its lead's line.
        var messages = received.Select(m => (Message: m, Event: EventOf(m))).ToList();
        var lines = messages.Where(m => m.Event is null || _handler.Concerns(m.Event))
            .GroupBy(m => m.Event?.LeadId ?? m.Message.MessageId, StringComparer.Ordinal)
            .Select(async line =>
            {
                foreach (var (message, _) in line)
                {
                    await SettleAsync(message, cancellationToken);
                }
            });
        var asides = messages.Where(m => m.Event is not null && !_handler.Concerns(m.Event)).Select(m => SettleAsync(m.Message, cancellationToken));
        await Task.WhenAll(lines.Concat(asides));
        return received.Count;
    }

    /// <summary>The event a message carries; null for one that is not a lead event (the handler dead-letters it alone).</summary>
    private static LeadEvent? EventOf(QueueMessage message)
    {
        try
        {
            return LeadEventJson.Read(Encoding.UTF8.GetString(BodyOf(message.MessageText)));
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private async Task SettleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        MessageHandling handling;
        try
        {
            handling = await _handler.HandleAsync(BodyOf(message.MessageText), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= _options.MaxAttempts)
            {
                await PoisonAsync(message, $"Failed {message.DequeueCount} deliveries; last error: {ex.GetType().Name}", cancellationToken);
            }
            else
            {
                // Left to reappear when its visibility timeout ends: the store is what failed, and it needs time.
                LogRetry(message.MessageId, message.DequeueCount, ex.GetType().Name);
            }

            return;
        }

        if (handling.Settlement == MessageSettlement.DeadLetter)
        {
            await PoisonAsync(message, handling.Reason ?? "Dead-lettered by the handler.", cancellationToken);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead event message {MessageId} failed on delivery {DequeueCount} ({ErrorType}); it reappears after its visibility timeout")]
    private partial void LogRetry(string messageId, long dequeueCount, string errorType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Lead event message {MessageId} moved to the poison queue after {DequeueCount} deliveries: {Reason}")]
    private partial void LogPoisoned(string messageId, long dequeueCount, string reason);
}
