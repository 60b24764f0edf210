using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Engine.Sweeps;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Functions.Sweeps;

/// <summary>
/// The sweeps on the schedules in app settings (Sweeps:&lt;Name&gt;:Schedule, the same keys the local host reads).
/// Never RunOnStartup: a cold start or scale-out must not run a sweep out of schedule.
/// </summary>
public sealed partial class SweepTimerFunctions
{
    private readonly SweepRunner _runner;
    private readonly ILogger<SweepTimerFunctions> _logger;

    public SweepTimerFunctions(SweepRunner runner, ILogger<SweepTimerFunctions> logger)
    {
        _runner = runner;
        _logger = logger;
    }

    [Function("DisqualifyNoContact")]
    public Task DisqualifyNoContact([TimerTrigger("%Sweeps:DisqualifyNoContact:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => RunAsync(SweepKind.DisqualifyNoContact, timer, cancellationToken);

    [Function("RecycleDark")]
    public Task RecycleDark([TimerTrigger("%Sweeps:RecycleDark:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => RunAsync(SweepKind.RecycleDark, timer, cancellationToken);

    [Function("FlagCheckBacks")]
    public Task FlagCheckBacks([TimerTrigger("%Sweeps:FlagCheckBacks:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => RunAsync(SweepKind.FlagCheckBacks, timer, cancellationToken);

    [Function("FlagSlaBreaches")]
    public Task FlagSlaBreaches([TimerTrigger("%Sweeps:FlagSlaBreaches:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => RunAsync(SweepKind.FlagSlaBreaches, timer, cancellationToken);

    [Function("AssignQueued")]
    public Task AssignQueued([TimerTrigger("%Sweeps:AssignQueued:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => RunAsync(SweepKind.AssignQueued, timer, cancellationToken);

    [Function("SuppressUnengaged")]
    public Task SuppressUnengaged([TimerTrigger("%Sweeps:SuppressUnengaged:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => RunAsync(SweepKind.SuppressUnengaged, timer, cancellationToken);

    [Function("DecayInterest")]
    public Task DecayInterest([TimerTrigger("%Sweeps:DecayInterest:Schedule%")] TimerInfo timer, CancellationToken cancellationToken)
        => RunAsync(SweepKind.DecayInterest, timer, cancellationToken);

    private async Task RunAsync(SweepKind sweep, TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        if (timer.IsPastDue)
        {
            LogPastDue(sweep.Name());
        }

        await _runner.RunAsync(sweep, asOf: null, dryRun: false, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {Sweep} is running late (IsPastDue); it catches up on everything due")]
    private partial void LogPastDue(string sweep);
}
