using LeadFunctions.Storage.Queues;
using Microsoft.Extensions.Options;

namespace LeadFunctions.LocalHost;

/// <summary>Loops the import-queue consumer (<see cref="QueuePollingLoop"/>).</summary>
internal sealed class ImportWorkerService : BackgroundService
{
    private readonly StorageQueueImportWorker _worker;
    private readonly QueuePollingLoop _loop;
    private readonly bool _enabled;

    public ImportWorkerService(StorageQueueImportWorker worker, IOptions<LocalHostOptions> local, TimeProvider time, ILogger<ImportWorkerService> logger)
    {
        _enabled = local.Value.RunImportWorker;
        _worker = worker;
        _loop = new QueuePollingLoop("import", time, logger);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => _enabled ? _loop.RunAsync(_worker.ProcessBatchAsync, _worker.Options.PollInterval, stoppingToken) : Task.CompletedTask;
}
