using LeadFunctions.Domain.Reports;
using LeadFunctions.Engine.Reports;

namespace LeadFunctions.Engine.Views;

/// <summary>
/// GET /api/reports/velocity: the stored report of the asked cohort dimension, as of its <c>asOf</c>. A request reads one
/// row; it scans the leads only when asked to refresh, or when nothing has been stored yet.
/// </summary>
public sealed class VelocityReportHandler
{
    private readonly IVelocitySnapshots _snapshots;
    private readonly VelocitySnapshotRefresher _refresher;

    public VelocityReportHandler(IVelocitySnapshots snapshots, VelocitySnapshotRefresher refresher)
    {
        _snapshots = snapshots;
        _refresher = refresher;
    }

    public async Task<VelocityReport> RunAsync(CohortDimension? cohort, bool refresh, CancellationToken cancellationToken)
    {
        if (!refresh && await _snapshots.ReadAsync(cohort, cancellationToken) is { } stored)
        {
            return stored;
        }

        await _refresher.RefreshAsync(cancellationToken);
        return await _snapshots.ReadAsync(cohort, cancellationToken)
            ?? throw new InvalidOperationException("The velocity report was stored and is not there to read.");
    }
}
