using Azure;
using Azure.Data.Tables;
using LeadFunctions.Engine.Sweeps;

namespace LeadFunctions.Storage.Sweeps;

/// <summary>
/// The latest run of each sweep: one row per sweep in the Leads table's own "sweep-runs" partition (apart from the
/// hashed lead partitions, so lead queries and sweeps never see it), replaced whole on each save. Dry runs keep their
/// own row ("&lt;sweep&gt;|dry-run"): a preview, such as the dashboard's, must not hide the last real run.
/// </summary>
internal sealed class TableSweepRuns : ISweepRuns
{
    internal const string Partition = "sweep-runs";
    private const string DryRunSuffix = "|dry-run";

    private readonly TableProvisioner _tables;

    public TableSweepRuns(TableProvisioner tables) => _tables = tables;

    public async Task SaveAsync(SweepRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await _tables.EnsureCreatedAsync(cancellationToken);
        var row = new TableEntity(Partition, run.DryRun ? run.Sweep + DryRunSuffix : run.Sweep)
        {
            [nameof(SweepRun.Sweep)] = run.Sweep,
            [nameof(SweepRun.RunId)] = run.RunId,
            [nameof(SweepRun.State)] = run.State.ToString(),
            [nameof(SweepRun.DryRun)] = run.DryRun,
            [nameof(SweepRun.AsOf)] = run.AsOf,
            [nameof(SweepRun.StartedAt)] = run.StartedAt,
            [nameof(SweepRun.UpdatedAt)] = run.UpdatedAt,
            [nameof(SweepRun.FinishedAt)] = run.FinishedAt,
            [nameof(SweepRun.Total)] = run.Total,
            [nameof(SweepRun.Done)] = run.Done,
            [nameof(SweepRun.Queued)] = run.Queued,
            [nameof(SweepRun.Changed)] = run.Changed,
            [nameof(SweepRun.Skipped)] = run.Skipped,
        };
        await _tables.MapOutagesAsync(() => _tables.Leads.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken));
    }

    public async Task<IReadOnlyList<SweepRun>> ListAsync(CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        return await _tables.MapOutagesAsync(async () =>
        {
            var runs = new List<SweepRun>();
            await foreach (var row in _tables.Leads.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
            {
                runs.Add(Read(row));
            }

            return (IReadOnlyList<SweepRun>)runs;
        });
    }

    private static SweepRun Read(TableEntity row) => new(
        row.GetString(nameof(SweepRun.Sweep)) ?? row.RowKey,
        row.GetString(nameof(SweepRun.RunId)) ?? string.Empty,
        Enum.TryParse<SweepRunState>(row.GetString(nameof(SweepRun.State)), out var state) ? state : SweepRunState.Failed,
        row.GetBoolean(nameof(SweepRun.DryRun)) ?? false,
        row.GetDateTimeOffset(nameof(SweepRun.AsOf)) ?? default,
        row.GetDateTimeOffset(nameof(SweepRun.StartedAt)) ?? default,
        row.GetDateTimeOffset(nameof(SweepRun.UpdatedAt)) ?? default,
        row.GetDateTimeOffset(nameof(SweepRun.FinishedAt)),
        row.GetInt32(nameof(SweepRun.Total)) ?? 0,
        row.GetInt32(nameof(SweepRun.Done)) ?? 0,
        row.GetInt32(nameof(SweepRun.Queued)) ?? 0,
        row.GetInt32(nameof(SweepRun.Changed)) ?? 0,
        row.GetInt32(nameof(SweepRun.Skipped)) ?? 0);
}
