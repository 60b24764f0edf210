using LeadFunctions.Engine.LeadImports;
using LeadFunctions.Engine.Transitions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Queues;

/// <summary>
/// One polling round of the local import consumer; the host loops it. The chunks received together are applied side
/// by side (<see cref="ImportQueueOptions.Parallelism"/>) and settled as the transition worker settles its messages
/// (<see cref="QueueMessageSettler"/>).
/// </summary>
public sealed class StorageQueueImportWorker
{
    private readonly ImportQueues _queues;
    private readonly ImportQueueOptions _options;
    private readonly QueueMessageSettler _settler;

    public StorageQueueImportWorker(
        ImportQueues queues,
        ImportChunkHandler handler,
        IOptions<ImportQueueOptions> options,
        TimeProvider time,
        ILogger<StorageQueueImportWorker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        _queues = queues;
        _options = options.Value;
        _settler = new QueueMessageSettler(
            queues, handler.HandleAsync, new QueueRetryPolicy(_options.MaxAttempts, _options.InitialBackoff, _options.MaxBackoff), "Import chunk message", time, logger);
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
            async (message, token) => await _settler.SettleAsync(message, token));
        return received.Value.Length;
    }
}
