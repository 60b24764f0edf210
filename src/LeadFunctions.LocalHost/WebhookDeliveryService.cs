using LeadFunctions.Engine.Webhooks;
using LeadFunctions.Storage.Deliveries;
using Microsoft.Extensions.Options;

namespace LeadFunctions.LocalHost;

/// <summary>
/// Webhook delivery for the local host, apart from the request path: one loop drains the lead-events queue into the
/// handler, another runs the retry pass every LeadEvents:Retry:PassInterval. Both run only when a webhook is
/// configured, so without subscribers the queue is left to whoever else reads it.
/// </summary>
internal sealed partial class WebhookDeliveryService : BackgroundService
{
    private static readonly Task NeverWoken = new TaskCompletionSource().Task;

    private readonly StorageQueueLeadEventWorker _worker;
    private readonly WebhookRetryPass _retries;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDeliveryService> _logger;

    public WebhookDeliveryService(
        StorageQueueLeadEventWorker worker,
        WebhookRetryPass retries,
        IOptions<WebhookOptions> options,
        TimeProvider time,
        ILogger<WebhookDeliveryService> logger)
    {
        _worker = worker;
        _retries = retries;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Webhooks.Count == 0)
        {
            return Task.CompletedTask;
        }

        return RunAsync(stoppingToken);
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(
            LoopAsync("lead-events queue", _worker.ProcessBatchAsync, _worker.Options.PollInterval, stoppingToken, () => _worker.NextArrival),
            LoopAsync("webhook retry pass", _retries.RunAsync, _options.Retry.PassInterval, stoppingToken));

        // Messages in hand end before the services they use are disposed: settled, or left to reappear.
        await _worker.WhenSettledAsync();
    }

    /// <summary>
    /// Runs again at once while there was work, waits when there was none (until <paramref name="wake"/> says work
    /// arrived, or the idle time passed), and says once when it starts and stops failing.
    /// </summary>
    private async Task LoopAsync(string name, Func<CancellationToken, Task<int>> round, TimeSpan idle, CancellationToken stoppingToken, Func<Task>? wake = null)
    {
        var failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var woken = wake?.Invoke() ?? NeverWoken;
                var worked = await round(stoppingToken);
                if (failing)
                {
                    failing = false;
                    LogRecovered(name);
                }

                if (worked == 0)
                {
                    using var idleOver = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                    await Task.WhenAny(woken, Task.Delay(idle, _time, idleOver.Token));
                    await idleOver.CancelAsync();
                    stoppingToken.ThrowIfCancellationRequested();
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
                    LogFailed(name, ex.GetType().Name);
                }

                await Task.Delay(TimeSpan.FromSeconds(5), _time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Loop} failed ({ErrorType}); retrying every 5 s until it works")]
    private partial void LogFailed(string loop, string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "The {Loop} works again")]
    private partial void LogRecovered(string loop);
}
