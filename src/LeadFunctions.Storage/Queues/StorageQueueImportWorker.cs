using System.Text.Json;
using Azure.Storage.Queues.Models;
using LeadFunctions.Engine.LeadImports;
using LeadFunctions.Engine.Transitions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Queues;

/// <summary>
/// One polling round of the local import consumer; the host loops it. The chunks received together are applied side
/// by side (<see cref="ImportQueueOptions.Parallelism"/>). Settlement follows the transition worker: complete deletes,
/// dead-letter or a failure on the last allowed delivery parks the message in the poison queue with the reason, any
/// other failure lets it reappear after a growing backoff.
/// </summary>
public sealed partial class StorageQueueImportWorker
{
    private readonly ImportQueues _queues;
    private readonly ImportChunkHandler _handler;
    private readonly ImportQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StorageQueueImportWorker> _logger;

    public StorageQueueImportWorker(
        ImportQueues queues,
        ImportChunkHandler handler,
        IOptions<ImportQueueOptions> options,
        TimeProvider time,
        ILogger<StorageQueueImportWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _queues = queues;
        _handler = handler;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public ImportQueueOptions Options => _options;

    /// <summary>Receives and settles one batch; returns how many messages it received (0 means the queue looked empty).</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken cancellationToken)
    {
        await _queues.EnsureCreatedAsync(cancellationToken);
        var received = await _queues.MapOutagesAsync(
            () => _queues.Main.ReceiveMessagesAsync(_options.BatchSize, _options.VisibilityTimeout, cancellationToken));
        await Parallel.ForEachAsync(
            received.Value,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (message, token) => await SettleAsync(message, token));
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
                await PoisonAsync(message, $"Failed {message.DequeueCount} deliveries; last error: {ex.GetType().Name}", cancellationToken);
            }
            else
            {
                var factor = Math.Pow(2, Math.Clamp(message.DequeueCount - 1, 0, 20));
                var delay = TimeSpan.FromTicks((long)Math.Min(_options.InitialBackoff.Ticks * factor, _options.MaxBackoff.Ticks));
                LogRetry(message.MessageId, message.DequeueCount, delay.TotalSeconds, ex.GetType().Name);
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

    // The exception's message is left out: a validation failure deep in a row could name what the row held.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Import chunk message {MessageId} failed on delivery {DequeueCount} ({ErrorType}); retrying in {DelaySeconds} s")]
    private partial void LogRetry(string messageId, long dequeueCount, double delaySeconds, string errorType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import chunk message {MessageId} moved to the poison queue after {DequeueCount} deliveries: {Reason}")]
    private partial void LogPoisoned(string messageId, long dequeueCount, string reason);
}
