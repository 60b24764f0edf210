using System.Globalization;
using Azure;
using Azure.Data.Tables;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Storage.Leads;

namespace LeadFunctions.Storage.Due;

/// <summary>
/// Reads the due entries that <see cref="TableLeadStore"/> writes with each lead: row key = sweep, due instant, lead
/// id; each row holds a copy of its lead. "Everything due by now" is one range read per partition that touches only
/// due rows, whatever the table's size. The continuation token is "partition index|table continuation".
/// </summary>
public sealed class TableDueIndex : IDueIndex
{
    private readonly TableProvisioner _tables;

    public TableDueIndex(TableProvisioner tables) => _tables = tables;

    public async Task<DuePage> ReadDueAsync(SweepKind sweep, DateTimeOffset asOf, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        var (partition, token) = Parse(continuationToken);
        return await _tables.Guard(async () =>
        {
            for (; partition < LeadKeys.Partitions; partition++, token = null)
            {
                var filter = TableClient.CreateQueryFilter(
                    $"PartitionKey eq {LeadKeys.PartitionName(partition)} and RowKey gt {LeadKeys.DuePrefix(sweep)} and RowKey le {LeadKeys.DueUpTo(sweep, asOf)}");
                var page = await _tables.Leads.PageAsync(filter, pageSize, token, ["RowKey", "State", "Due"], cancellationToken);
                if (page is not null && (page.Values.Count > 0 || page.ContinuationToken is not null))
                {
                    var next = page.ContinuationToken is { } more ? Format(partition, more)
                        : partition + 1 < LeadKeys.Partitions ? Format(partition + 1, null)
                        : null;
                    return new DuePage([.. page.Values.Select(row => DueLeadOf(sweep, row))], next);
                }
            }

            return new DuePage([], null);
        });
    }

    public async Task RemoveAsync(IReadOnlyCollection<DueLead> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await _tables.EnsureCreatedAsync(cancellationToken);

        // One by one: a batch fails whole when any row is already gone, and removal must be repeatable.
        await _tables.Guard(() => Task.WhenAll(entries.Select(e => DeleteUnlessRewrittenAsync(e, cancellationToken))));
    }

    private async Task DeleteUnlessRewrittenAsync(DueLead due, CancellationToken cancellationToken)
    {
        var etag = due.Lead is { } copy && VersionTag.Parse(copy.ETag) is { DueRowKey: not null } tag ? tag.ETag : ETag.All;
        try
        {
            await _tables.Leads.DeleteEntityAsync(LeadKeys.PartitionOf(due.Entry.LeadId), LeadKeys.Due(due.Entry), etag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // A write of the lead rewrote the row after we read it, so it is the lead's current entry: keep it.
        }
    }

    private static DueLead DueLeadOf(SweepKind sweep, TableEntity row)
    {
        var entry = LeadKeys.ParseDue(sweep, row.RowKey);
        if (row.GetString("State") is null)
        {
            return new DueLead(entry, null);
        }

        var copy = new StoredLead(LeadRows.ToLead(row), VersionTag.OfDueRow(row.RowKey, row.ETag), LeadRows.DueOf(entry.LeadId, row));
        return new DueLead(entry, copy);
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
