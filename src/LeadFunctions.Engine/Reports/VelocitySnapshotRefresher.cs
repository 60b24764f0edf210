using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Reports;
using LeadFunctions.Engine.Views;

namespace LeadFunctions.Engine.Reports;

/// <summary>
/// Recomputes the stored velocity reports: one streamed pass over the leads keeps only each lead's
/// <see cref="VelocityFacts"/>, then every cohort dimension's report is computed from those and stored. Run by the
/// timer (Functions), the hosted service (local host), on demand (?refresh=true), and when no report is stored yet.
/// </summary>
public sealed class VelocitySnapshotRefresher
{
    /// <summary>
    /// NCRONTAB (with seconds) of the background pass in both hosts: every 15 minutes. A constant, not an app setting,
    /// because a report that is at most 15 minutes old needs no tuning per deployment and ?refresh=true covers the rest.
    /// </summary>
    public const string Schedule = "0 */15 * * * *";

    private static readonly CohortDimension?[] Dimensions = [null, .. Enum.GetValues<CohortDimension>().Cast<CohortDimension?>()];

    private readonly ILeadQueries _queries;
    private readonly IVelocitySnapshots _snapshots;
    private readonly Playbook _playbook;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private Task<VelocityReport>? _running;

    public VelocitySnapshotRefresher(ILeadQueries queries, IVelocitySnapshots snapshots, Playbook playbook, TimeProvider time)
    {
        _queries = queries;
        _snapshots = snapshots;
        _playbook = playbook;
        _time = time;
    }

    /// <summary>
    /// Recomputes and stores every dimension's report; returns the report without cohorts. Callers that arrive while a
    /// pass runs share it rather than each scanning the leads again, and one caller giving up does not stop it.
    /// </summary>
    public Task<VelocityReport> RefreshAsync(CancellationToken cancellationToken)
    {
        Task<VelocityReport> running;
        lock (_gate)
        {
            if (_running is null || _running.IsCompleted)
            {
                _running = ScanAsync(CancellationToken.None);
            }

            running = _running;
        }

        return running.WaitAsync(cancellationToken);
    }

    private async Task<VelocityReport> ScanAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var facts = new List<VelocityFacts>();
        await foreach (var lead in _queries.AllAsync(cancellationToken))
        {
            facts.Add(VelocityFacts.Of(lead));
        }

        // One instant for every dimension, so the stored reports agree with each other.
        var asOf = _time.GetUtcNow();
        var salEnabled = _playbook.IsEnabled(LifecycleStage.SAL);
        VelocityReport? overall = null;
        foreach (var dimension in Dimensions)
        {
            var report = Velocity.FromFacts(facts, asOf, salEnabled, dimension);
            await _snapshots.WriteAsync(dimension, report, cancellationToken);
            overall ??= report;
        }

        return overall!;
    }
}
