using LeadFunctions.Engine.Outbox;
using Microsoft.Extensions.Options;

namespace LeadFunctions.LocalHost;

/// <summary>
/// Runs the lead-event relay pass on a short interval: events the fast path could not publish (a crash, Azurite
/// restarting) reach the local lead-events queue a few seconds late instead of never. While passes find nothing and the
/// fast path misses nothing, the wait stretches to LocalHost:LeadEventRelayQuietInterval.
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
        var wait = _options.LeadEventRelayInterval;
        var misses = _relay.FastPathMisses;
        while (_options.RunLeadEventRelay && !stoppingToken.IsCancellationRequested)
        {
            var quiet = false;
            try
            {
                quiet = await _relay.RelayPendingAsync(stoppingToken) == 0;
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

            var missesNow = _relay.FastPathMisses;
            wait = quiet && missesNow == misses && !failing ? Stretch(wait) : _options.LeadEventRelayInterval;
            misses = missesNow;
            await Task.Delay(wait, _time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private TimeSpan Stretch(TimeSpan wait)
    {
        var doubled = wait * 2;
        return doubled < _options.LeadEventRelayQuietInterval ? doubled : _options.LeadEventRelayQuietInterval;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The lead-event relay pass failed ({ErrorType}); trying again every pass until it works")]
    private partial void LogFailed(string errorType);

    [LoggerMessage(Level = LogLevel.Information, Message = "The lead-event relay pass works again")]
    private partial void LogRecovered();
}
