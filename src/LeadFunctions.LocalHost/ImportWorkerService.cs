using LeadFunctions.Storage.Queues;
using Microsoft.Extensions.Options;

namespace LeadFunctions.LocalHost;

/// <summary>Loops the import-queue consumer: drains while there are chunks, polls when the queue is empty, backs off when storage is down.</summary>
internal sealed partial class ImportWorkerService : BackgroundService
{
    private readonly StorageQueueImportWorker _worker;
    private readonly TimeProvider _time;
    private readonly ILogger<ImportWorkerService> _logger;
    private readonly bool _enabled;

    public ImportWorkerService(StorageQueueImportWorker worker, IOptions<LocalHostOptions> local, TimeProvider time, ILogger<ImportWorkerService> logger)
    {
        _enabled = local.Value.RunImportWorker;
        _worker = worker;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (_enabled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                var processed = await _worker.ProcessBatchAsync(stoppingToken);
                if (failing)
                {
                    failing = false;
                    LogRecovered();
                }

                if (processed == 0)
                {
                    await Task.Delay(_worker.Options.PollInterval, _time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                if (!failing)
                {
                    failing = true;
                    LogFailed(ex.GetType().Name);
                }

                await Task.Delay(TimeSpan.FromSeconds(5), _time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The import queue could not be read ({ErrorType}); retrying every 5 s until it can")]
    private partial void LogFailed(string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "The import queue can be read again")]
    private partial void LogRecovered();
}
