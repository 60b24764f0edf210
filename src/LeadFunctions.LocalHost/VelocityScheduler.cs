using Cronos;
using LeadFunctions.Engine.Reports;
using Microsoft.Extensions.Options;

namespace LeadFunctions.LocalHost;

/// <summary>The velocity report's background pass, on the schedule the Functions app's timer uses; off with the sweeps (LocalHost:RunSweeps).</summary>
internal sealed partial class VelocityScheduler : BackgroundService
{
    private readonly VelocitySnapshotRefresher _refresher;
    private readonly TimeProvider _time;
    private readonly ILogger<VelocityScheduler> _logger;
    private readonly bool _enabled;

    public VelocityScheduler(VelocitySnapshotRefresher refresher, IOptions<LocalHostOptions> local, TimeProvider time, ILogger<VelocityScheduler> logger)
    {
        _enabled = local.Value.RunSweeps;
        _refresher = refresher;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(VelocitySnapshotRefresher.Schedule, CronFormat.IncludeSeconds);
        while (_enabled && !stoppingToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            if (schedule.GetNextOccurrence(now, TimeZoneInfo.Utc) is not { } next)
            {
                return;
            }

            try
            {
                await Task.Delay(next - now, _time, stoppingToken);
                await _refresher.RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A storage outage must not stop the host; requests keep reading the last stored report.
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The velocity report refresh failed; the last stored report stays until the next run")]
    private partial void LogFailed(Exception exception);
}
