using Cronos;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Engine.Sweeps;
using Microsoft.Extensions.Options;

namespace LeadFunctions.LocalHost;

/// <summary>The four sweep timers, on the same NCRONTAB (with seconds) Sweeps:&lt;Name&gt;:Schedule settings the Azure timer triggers read.</summary>
internal sealed partial class SweepScheduler : BackgroundService
{
    private readonly SweepRunner _runner;
    private readonly SweepOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SweepScheduler> _logger;

    private readonly bool _enabled;

    public SweepScheduler(SweepRunner runner, IOptions<SweepOptions> options, IOptions<LocalHostOptions> local, TimeProvider time, ILogger<SweepScheduler> logger)
    {
        _enabled = local.Value.RunSweeps;
        _runner = runner;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => !_enabled ? Task.CompletedTask : Task.WhenAll(Enum.GetValues<SweepKind>().Select(sweep =>
            RunOnScheduleAsync(sweep, CronExpression.Parse(_options.TimerFor(sweep).Schedule, CronFormat.IncludeSeconds), stoppingToken)));

    private async Task RunOnScheduleAsync(SweepKind sweep, CronExpression schedule, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            var next = schedule.GetNextOccurrence(now, TimeZoneInfo.Utc);
            if (next is null)
            {
                return;
            }

            LogNext(sweep.Name(), next.Value);
            try
            {
                await Task.Delay(next.Value - now, _time, stoppingToken);
                await _runner.RunAsync(sweep, null, dryRun: false, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The runner logged the details; the next occurrence resumes safely.
                LogFailed(sweep.Name(), ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sweep {Sweep} next runs at {NextRun}")]
    private partial void LogNext(string sweep, DateTimeOffset nextRun);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {Sweep} failed; waiting for its next occurrence")]
    private partial void LogFailed(string sweep, Exception exception);
}
