using LeadFunctions.Engine.Outbox;
using Microsoft.Extensions.Options;

namespace LeadFunctions.LocalHost;

/// <summary>
/// Runs the lead-event relay pass on a short interval: events the fast path could not publish (a crash, Azurite
/// restarting) reach the local lead-events queue a few seconds late instead of never.
/// </summary>
internal sealed partial class LeadEventRelayService : BackgroundService
{
    private readonly LeadEventRelay _relay;
    private readonly LocalHostOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<LeadEventRelayService> _logger;

    public LeadEventRelayService(LeadEventRelay relay, IOptions<LocalHostOptions> local, TimeProvider time, ILogger<LeadEventRelayService> logger)
    {
        _relay = relay;
        _options = local.Value;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failing = false;
        while (_options.RunLeadEventRelay && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _relay.RelayPendingAsync(stoppingToken);
                if (failing)
                {
                    failing = false;
                    LogRecovered();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // One line when relaying starts failing, not one per pass while storage is down.
                if (!failing)
                {
                    failing = true;
                    LogFailed(ex.GetType().Name);
                }
            }

            await Task.Delay(_options.LeadEventRelayInterval, _time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lead-event relay pass failed ({ErrorType}); trying again every pass until it works")]
    private partial void LogFailed(string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "The lead-event relay pass works again")]
    private partial void LogRecovered();
}
