using System.Text.Json;
using Azure.Storage.Queues.Models;
using LeadFunctions.Engine.Transitions;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Storage.Queues;

/// <summary>
/// How the local host's queue consumers settle one message, the same for transitions and import chunks: Complete
/// deletes it; DeadLetter, an unreadable body, or a failure on the last allowed delivery parks it in the poison queue
/// with the reason; any other failure lets it reappear after a backoff that grows with each delivery (Service Bus does
/// the same in Azure). Failures are named by their exception type only: an import row's validation error could
/// otherwise carry what the row held into a log line or a poison reason.
/// </summary>
internal sealed partial class QueueMessageSettler
{
    private readonly QueueWithPoison _queues;
    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, Task<MessageHandling>> _handle;
    private readonly QueueRetryPolicy _retry;
    private readonly string _kind;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="kind">What the messages are, for log lines ("Transition message", "Import chunk message").</param>
    /// <param name="logger">The consumer's own logger, so its lines keep the consumer's category.</param>
    public QueueMessageSettler(
        QueueWithPoison queues,
        Func<ReadOnlyMemory<byte>, CancellationToken, Task<MessageHandling>> handle,
        QueueRetryPolicy retry,
        string kind,
        TimeProvider time,
        ILogger logger)
    {
        _queues = queues;
        _handle = handle;
        _retry = retry;
        _kind = kind;
        _time = time;
        _logger = logger;
    }

    public async Task SettleAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
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
            handling = await _handle(body, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (message.DequeueCount >= _retry.MaxAttempts)
            {
                await PoisonAsync(message, $"Failed {message.DequeueCount} deliveries; last error: {ex.GetType().Name}", cancellationToken);
            }
            else
            {
                var delay = _retry.BackoffAfter(message.DequeueCount);
                LogRetry(_kind, message.MessageId, message.DequeueCount, ex.GetType().Name, delay.TotalSeconds);
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
        LogPoisoned(_kind, message.MessageId, message.DequeueCount, reason);
        var poison = new PoisonMessage(reason, message.MessageId, message.DequeueCount, _time.GetUtcNow(), message.MessageText);
        var text = JsonSerializer.Serialize(poison, TransitionJson.Options);
        await _queues.MapOutagesAsync(() => _queues.Poison.SendMessageAsync(text, timeToLive: TimeSpan.FromSeconds(-1), cancellationToken: cancellationToken));
        await _queues.MapOutagesAsync(() => _queues.Main.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} {MessageId} failed on delivery {DequeueCount} ({ErrorType}); retrying in {DelaySeconds} s")]
    private partial void LogRetry(string kind, string messageId, long dequeueCount, string errorType, double delaySeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Kind} {MessageId} moved to the poison queue after {DequeueCount} deliveries: {Reason}")]
    private partial void LogPoisoned(string kind, string messageId, long dequeueCount, string reason);
}
