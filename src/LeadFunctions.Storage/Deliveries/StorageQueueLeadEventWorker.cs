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
/// One polling round of the local webhook consumer on the lead-events queue (up to two full receives). A message holds
/// one or more events, of one or more leads (<see cref="LeadEventMessageJson"/>). A round's events are handled lead
/// by lead side by side, and one lead's share of each message one message at a time in the order the queue gave them,
/// so one lead's events reach the handler in the order the relay wrote them while a burst of leads is not delivered in
/// single file. A message is deleted once every lead's share of it is handled; a round ends when all its messages are
/// settled, so a lead's next events (in a later round) never overtake them. The body is the JSON as text or base64 of
/// it (the Functions queue encoding): both are accepted.
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

        var messages = received.Select(m => new ReceivedMessage(m, EventsOf(m))).ToList();

        // Events that concern no subscriber are only acknowledged, so they need not wait their turn in their lead's line.
        var lines = messages
            .Where(m => m.Events is not null)
            .SelectMany(m => m.Events!.GroupBy(e => e.LeadId, StringComparer.Ordinal).Select(share => (Message: m, Share: share.ToList())))
            .Where(s => s.Share.Any(_handler.Concerns))
            .GroupBy(s => s.Share[0].LeadId, StringComparer.Ordinal)
            .Select(async line =>
            {
                foreach (var (message, share) in line)
                {
                    await HandleShareAsync(message, share, cancellationToken);
                }
            });
        await Task.WhenAll(lines);
        await Task.WhenAll(messages.Select(m => SettleAsync(m, cancellationToken)));
        return received.Count;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Lead event message {MessageId} moved to the poison queue after {DequeueCount} deliveries: {Reason}")]
    private partial void LogPoisoned(string messageId, long dequeueCount, string reason);
}
