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

                if (processed > 0)
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
                // One line when reading starts failing, not a stack trace every 5 s while storage is down: the cause
                // (connection refused, a 5xx) is in the innermost message.
                if (!failing)
                {
                    failing = true;
                    LogFailed(ex.GetType().Name, ex.GetBaseException().Message.Split('\n')[0].Trim());
                }

                await Task.Delay(TimeSpan.FromSeconds(5), _time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The transition queue could not be read ({ErrorType}: {Reason}); retrying every 5 s until it can")]
    private partial void LogFailed(string errorType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The transition queue can be read again")]
    private partial void LogRecovered();
}
