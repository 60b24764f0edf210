namespace LeadFunctions.LocalHost;

/// <summary>
/// How the local host drives a storage-queue consumer: drain while there are messages, poll when the queue is empty,
/// back off when storage is down. One line when reading starts failing and one when it recovers, not a stack trace
/// every 5 s while storage is down: the cause (connection refused, a 5xx) is in the innermost message.
/// </summary>
internal sealed partial class QueuePollingLoop
{
    private static readonly TimeSpan StorageDownRetry = TimeSpan.FromSeconds(5);

    private readonly string _queue;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <param name="queue">What the log lines call the queue ("transition", "import").</param>
    /// <param name="logger">The service's own logger, so its lines keep the service's category.</param>
    public QueuePollingLoop(string queue, TimeProvider time, ILogger logger)
    {
        _queue = queue;
        _time = time;
        _logger = logger;
    }

    /// <param name="processBatch">Receives and settles one batch; answers how many messages it received.</param>
    public async Task RunAsync(Func<CancellationToken, Task<int>> processBatch, TimeSpan pollInterval, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(processBatch);
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var processed = await processBatch(stoppingToken);
                if (failing)
                {
                    failing = false;
                    LogRecovered(_queue);
                }

                if (processed == 0)
                {
                    await Task.Delay(pollInterval, _time, stoppingToken);
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
                    LogFailed(_queue, ex.GetType().Name, ex.GetBaseException().Message.Split('\n')[0].Trim());
                }

                await Task.Delay(StorageDownRetry, _time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Queue} queue could not be read ({ErrorType}: {Reason}); retrying every 5 s until it can")]
    private partial void LogFailed(string queue, string errorType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Queue} queue can be read again")]
    private partial void LogRecovered(string queue);
}
