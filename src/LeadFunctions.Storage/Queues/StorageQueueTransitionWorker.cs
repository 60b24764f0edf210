using System.Text.Json;
using Azure.Storage.Queues.Models;
using LeadFunctions.Engine.Transitions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Queues;

/// <summary>
/// One polling round of the local transition consumer; the host loops it (LocalHost runs it as a BackgroundService).
/// Complete deletes the message; DeadLetter, or a failure on the last allowed delivery, moves it to the poison queue
/// with the reason; any other failure leaves it to reappear after a backoff that grows with each delivery.
/// </summary>
public sealed partial class StorageQueueTransitionWorker
{
    private readonly TransitionQueues _queues;
    private readonly TransitionMessageHandler _handler;
    private readonly TransitionQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StorageQueueTransitionWorker> _logger;

    public StorageQueueTransitionWorker(
        TransitionQueues queues,
        TransitionMessageHandler handler,
        IOptions<TransitionQueueOptions> options,
        TimeProvider time,
        ILogger<StorageQueueTransitionWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _queues = queues;
        _handler = handler;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public TransitionQueueOptions Options => _options;

    /// <summary>Receives and settles one batch; returns how many messages it received (0 means the queue looked empty).</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        await _queues.EnsureCreatedAsync(cancellationToken);
        var received = await _queues.MapOutagesAsync(
            () => _queues.Main.ReceiveMessagesAsync(_options.BatchSize, _options.VisibilityTimeout, cancellationToken));
        foreach (var message in received.Value)
        {
            await SettleAsync(message, cancellationToken);
        }

        return received.Value.Length;
    }

    private async Task SettleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            body = Convert.FromBase64String(message.MessageText);
        }
        catch (FormatException)
        {
            await PoisonAsync(message, "The message body is not base64.", cancellationToken);
            return;
        }

        MessageHandling handling;
        try
        {
            handling = await _handler.HandleAsync(body, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= _options.MaxAttempts)
            {
                await PoisonAsync(message, $"Failed {message.DequeueCount} deliveries; last error: {ex.GetType().Name}: {ex.Message}", cancellationToken);
            }
            else
            {
                var delay = Backoff(message.DequeueCount);
                LogRetry(message.MessageId, message.DequeueCount, delay.TotalSeconds, ex);
                await _queues.MapOutagesAsync(() => _queues.Main.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: cancellationToken));
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

    /// <summary>Copy to the poison queue first, then delete: a crash in between delivers it again rather than losing it.</summary>
    private async Task PoisonAsync(QueueMessage message, string reason, CancellationToken cancellationToken)
    {
        LogPoisoned(message.MessageId, message.DequeueCount, reason);
        var poison = new PoisonMessage(reason, message.MessageId, message.DequeueCount, _time.GetUtcNow(), message.MessageText);
        var text = JsonSerializer.Serialize(poison, TransitionJson.Options);
        await _queues.MapOutagesAsync(() => _queues.Poison.SendMessageAsync(text, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken));
        await _queues.MapOutagesAsync(() => _queues.Main.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken));
    }

    private TimeSpan Backoff(long dequeueCount)
    {
        var factor = Math.Pow(2, Math.Clamp(dequeueCount - 1, 0, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(_options.InitialBackoff.Ticks * factor, _options.MaxBackoff.Ticks));
        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transition message {MessageId} failed on delivery {DequeueCount}; retrying in {DelaySeconds} s")]
    private partial void LogRetry(string messageId, long dequeueCount, double delaySeconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Transition message {MessageId} moved to the poison queue after {DequeueCount} deliveries: {Reason}")]
    private partial void LogPoisoned(string messageId, long dequeueCount, string reason);
}
