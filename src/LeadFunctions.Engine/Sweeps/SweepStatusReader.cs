using LeadFunctions.Domain.Sweeps;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Sweeps;

/// <summary>Where each sweep stands: for a person who started one and waits, or who wonders whether the timers ran.</summary>
public sealed class SweepStatusReader
{
    private readonly ISweepRuns _runs;
    private readonly SweepOptions _options;

    public SweepStatusReader(ISweepRuns runs, IOptions<SweepOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _runs = runs;
        _options = options.Value;
    }

    public async Task<SweepStatusList> ListAsync(CancellationToken cancellationToken)
    {
        var runs = await _runs.ListAsync(cancellationToken);
        SweepRun? Latest(SweepKind kind, bool dryRun) => runs.Where(r => r.Sweep == kind.Name() && r.DryRun == dryRun).MaxBy(r => r.StartedAt);
        return new SweepStatusList([.. Enum.GetValues<SweepKind>().Select(kind => new SweepStatus(
            kind.Name(), _options.TimerFor(kind).Schedule, Latest(kind, dryRun: false), Latest(kind, dryRun: true)))]);
    }
}
