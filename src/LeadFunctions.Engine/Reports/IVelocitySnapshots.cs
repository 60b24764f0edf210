using LeadFunctions.Domain.Reports;

namespace LeadFunctions.Engine.Reports;

/// <summary>
/// The stored velocity reports, one per cohort dimension (null: no cohorts), so a request reads one row instead of
/// every lead.
/// </summary>
public interface IVelocitySnapshots
{
    Task<VelocityReport?> ReadAsync(CohortDimension? cohort, CancellationToken cancellationToken);

    Task WriteAsync(CohortDimension? cohort, VelocityReport report, CancellationToken cancellationToken);
}
