using Azure;
using Azure.Data.Tables;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Storage.Leads;

namespace LeadFunctions.Storage.Due;

/// <summary>
/// Reads the due entries that <see cref="TableLeadStore"/> writes with each lead: row key = sweep, due instant, lead
/// id, and nothing else. "Everything due by now" is one range read per partition that touches only due rows, whatever
/// the table's size, and returns keys only. The continuation token is "partition index|table continuation".
/// </summary>
public sealed class TableDueIndex : IDueIndex
{
    private const string NotOurs = "Not a due-index continuation token.";

    private readonly TableProvisioner _tables;

    public TableDueIndex(TableProvisioner tables) => _tables = tables;

    public async Task<DuePage> ReadDueAsync(SweepKind sweep, DateTimeOffset asOf, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        return await _tables.MapOutagesAsync(async () =>
        {
            var (rows, next) = await PartitionWalk.PageAsync(
                _tables.Leads,
                partition => TableClient.CreateQueryFilter(
                    $"PartitionKey eq {partition} and RowKey gt {LeadKeys.DuePrefix(sweep)} and RowKey le {LeadKeys.DueUpTo(sweep, asOf)}"),
                pageSize,
                continuationToken,
                ["RowKey"],
                NotOurs,
                cancellationToken);
            return new DuePage([.. rows.Select(row => LeadKeys.ParseDue(sweep, row.RowKey))], next);
        });
    }

    public async Task<int> CountDueAsync(SweepKind sweep, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        // Keys only, a thousand a round trip (the service's page limit): a small price next to the run it sizes.
        const int LargestPage = 1000;
        var count = 0;
        string? continuation = null;
        do
        {
            var page = await ReadDueAsync(sweep, asOf, LargestPage, continuation, cancellationToken);
            count += page.Entries.Count;
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);

        return count;
    }

    public async Task RemoveAsync(IReadOnlyCollection<DueEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await _tables.EnsureCreatedAsync(cancellationToken);

        // One by one: a batch fails whole when any row is already gone, and removal must be repeatable.
        await _tables.MapOutagesAsync(() => Task.WhenAll(entries.Select(e => DeleteIfPresentAsync(e, cancellationToken))));
    }

    private async Task DeleteIfPresentAsync(DueEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await _tables.Leads.DeleteEntityAsync(LeadKeys.PartitionOf(entry.LeadId), LeadKeys.Due(entry), ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone: removed by an earlier run, or by the lead's own write.
        }
    }
}
