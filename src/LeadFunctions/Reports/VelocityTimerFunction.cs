using LeadFunctions.Engine.Reports;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.Reports;

/// <summary>
/// Keeps the stored velocity report current, so GET /api/reports/velocity reads one row. Never RunOnStartup: a scale-out
/// must not scan every lead again; the first request computes the report when none is stored.
/// </summary>
public sealed class VelocityTimerFunction
{
    private readonly VelocitySnapshotRefresher _refresher;

    public VelocityTimerFunction(VelocitySnapshotRefresher refresher) => _refresher = refresher;

    [Function("RefreshVelocityReport")]
    public Task RefreshVelocityReport([TimerTrigger(VelocitySnapshotRefresher.Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return _refresher.RefreshAsync(cancellationToken);
    }
}
