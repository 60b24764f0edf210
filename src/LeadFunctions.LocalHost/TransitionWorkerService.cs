using LeadFunctions.Storage.Queues;
using Microsoft.Extensions.Options;

namespace LeadFunctions.LocalHost;

/// <summary>Loops the storage-queue transition consumer (<see cref="QueuePollingLoop"/>).</summary>
internal sealed class TransitionWorkerService : BackgroundService
{
    private readonly StorageQueueTransitionWorker _worker;
    private readonly QueuePollingLoop _loop;
    private readonly bool _enabled;

    public TransitionWorkerService(StorageQueueTransitionWorker worker, IOptions<LocalHostOptions> local, TimeProvider time, ILogger<TransitionWorkerService> logger)
    {
        _enabled = local.Value.RunTransitionWorker;
        _worker = worker;
        _loop = new QueuePollingLoop("transition", time, logger);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => _enabled ? _loop.RunAsync(_worker.ProcessBatchAsync, _worker.Options.PollInterval, stoppingToken) : Task.CompletedTask;
}
