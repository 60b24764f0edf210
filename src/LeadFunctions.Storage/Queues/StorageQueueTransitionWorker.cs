using LeadFunctions.Engine.Transitions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Queues;

/// <summary>
/// One polling round of the local transition consumer; the host loops it (LocalHost runs it as a BackgroundService).
/// Messages are settled one after another, in the order received (<see cref="QueueMessageSettler"/>).
/// </summary>
public sealed class StorageQueueTransitionWorker
{
    private readonly TransitionQueues _queues;
    private readonly TransitionQueueOptions _options;
    private readonly QueueMessageSettler _settler;

    public StorageQueueTransitionWorker(
        TransitionQueues queues,
        TransitionMessageHandler handler,
        IOptions<TransitionQueueOptions> options,
        TimeProvider time,
        ILogger<StorageQueueTransitionWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        _queues = queues;
        _options = options.Value;
        _settler = new QueueMessageSettler(
            queues, handler.HandleAsync, new QueueRetryPolicy(_options.MaxAttempts, _options.InitialBackoff, _options.MaxBackoff), "Transition message", time, logger);
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
            await _settler.SettleAsync(message, cancellationToken);
        }

        return received.Value.Length;
    }
}
