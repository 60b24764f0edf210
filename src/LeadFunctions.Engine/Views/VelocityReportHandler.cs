using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Reports;

namespace LeadFunctions.Engine.Views;

/// <summary>GET /api/reports/velocity: lead velocity from every lead's stamps, as of now.</summary>
public sealed class VelocityReportHandler
{
    private readonly ILeadQueries _queries;
    private readonly Playbook _playbook;
    private readonly TimeProvider _time;

    public VelocityReportHandler(ILeadQueries queries, Playbook playbook, TimeProvider time)
    {
        _queries = queries;
        _playbook = playbook;
        _time = time;
    }

    public async Task<VelocityReport> RunAsync(CancellationToken cancellationToken)
    {
        var leads = new List<Lead>();
        await foreach (var lead in _queries.AllAsync(cancellationToken))
        {
            leads.Add(lead);
        }

        return Velocity.Compute(leads, _time.GetUtcNow(), _playbook.IsEnabled(LifecycleStage.SAL));
    }
}
