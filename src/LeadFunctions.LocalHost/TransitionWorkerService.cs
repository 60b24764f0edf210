using LeadFunctions.Storage.Queues;
using Microsoft.Extensions.Options;

namespace LeadFunctions.LocalHost;

/// <summary>Loops the storage-queue consumer: drains while there are messages, polls when the queue is empty, backs off when storage is down.</summary>
internal sealed partial class TransitionWorkerService : BackgroundService
{
    private readonly StorageQueueTransitionWorker _worker;
    private readonly TimeProvider _time;
    private readonly ILogger<TransitionWorkerService> _logger;

    private readonly bool _enabled;

    public TransitionWorkerService(StorageQueueTransitionWorker worker, IOptions<LocalHostOptions> local, TimeProvider time, ILogger<TransitionWorkerService> logger)
    {
        _enabled = local.Value.RunTransitionWorker;
        _worker = worker;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var idle = _worker.Options.PollInterval;
        while (_enabled && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await _worker.ProcessBatchAsync(stoppingToken) > 0)
                {
                    continue;
                }

                await Task.Delay(idle, _time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(5), _time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The transition queue could not be read; retrying in 5 s")]
    private partial void LogFailed(Exception exception);
}
