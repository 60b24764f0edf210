using LeadFunctions.Domain.Playbooks;
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
    private readonly Playbook _playbook;

    public VelocityReportHandler(IVelocitySnapshots snapshots, VelocitySnapshotRefresher refresher, Playbook playbook)
    {
        _snapshots = snapshots;
        _refresher = refresher;
        _playbook = playbook;
    }

    /// <summary>The report with the running playbook's display names beside the canonical names (issue 16, item 2).</summary>
    public async Task<VelocityReport> RunAsync(CohortDimension? cohort, bool refresh, CancellationToken cancellationToken)
        => VelocityNames.Apply(await StoredAsync(cohort, refresh, cancellationToken), _playbook);

    private async Task<VelocityReport> StoredAsync(CohortDimension? cohort, bool refresh, CancellationToken cancellationToken)
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
