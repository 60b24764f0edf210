using System.Globalization;
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
    private readonly TableProvisioner _tables;

    public TableDueIndex(TableProvisioner tables) => _tables = tables;

    public async Task<DuePage> ReadDueAsync(SweepKind sweep, DateTimeOffset asOf, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        var (partition, token) = Parse(continuationToken);
        return await _tables.MapOutagesAsync(async () =>
        {
            for (; partition < LeadKeys.Partitions; partition++, token = null)
            {
                var filter = TableClient.CreateQueryFilter(
                    $"PartitionKey eq {LeadKeys.PartitionName(partition)} and RowKey gt {LeadKeys.DuePrefix(sweep)} and RowKey le {LeadKeys.DueUpTo(sweep, asOf)}");
                var page = await _tables.Leads.PageAsync(filter, pageSize, token, ["RowKey"], cancellationToken);
                if (page is not null && (page.Values.Count > 0 || page.ContinuationToken is not null))
                {
                    var next = page.ContinuationToken is { } more ? Format(partition, more)
                        : partition + 1 < LeadKeys.Partitions ? Format(partition + 1, null)
                        : null;
                    return new DuePage([.. page.Values.Select(row => LeadKeys.ParseDue(sweep, row.RowKey))], next);
                }
            }

            return new DuePage([], null);
        });
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

    private static (int Partition, string? Token) Parse(string? continuationToken)
    {
        if (string.IsNullOrEmpty(continuationToken))
        {
            return (0, null);
        }

        var separator = continuationToken.IndexOf('|', StringComparison.Ordinal);
        if (separator < 1 || !int.TryParse(continuationToken.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            || partition >= LeadKeys.Partitions)
        {
            throw new ArgumentException("Not a due-index continuation token.", nameof(continuationToken));
        }

        var token = continuationToken[(separator + 1)..];
        return (partition, token.Length == 0 ? null : token);
    }

    private static string Format(int partition, string? token) => partition.ToString(CultureInfo.InvariantCulture) + "|" + token;
}
