using System.Globalization;
using Azure;
using Azure.Data.Tables;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Storage.Due;

/// <summary>
/// The due index: partition = sweep, row key = due instant (UTC ticks, fixed width, so lexical order is time order)
/// then lead id. "Everything due by now" is one range query that touches only due rows, whatever the table's size.
/// </summary>
public sealed class TableDueIndex : IDueIndex
{
    private const int TickDigits = 19;

    private readonly TableProvisioner _tables;

    public TableDueIndex(TableProvisioner tables) => _tables = tables;

    public async Task AddAsync(IReadOnlyCollection<DueEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await _tables.EnsureCreatedAsync(cancellationToken);
        var batches = entries
            .GroupBy(e => e.Sweep)
            .SelectMany(group => group.Chunk(100))
            .Select(chunk => chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(e))).ToList());
        await StorageFailures.Guard(() => Task.WhenAll(batches.Select(batch => _tables.Due.SubmitTransactionAsync(batch, cancellationToken))));
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
        await StorageFailures.Guard(() => Task.WhenAll(entries.Select(e =>
            _tables.Due.DeleteEntityAsync(PartitionOf(e.Sweep), RowKeyOf(e), ETag.All, cancellationToken))));
    }

    public async Task<DuePage> ReadDueAsync(SweepKind sweep, DateTimeOffset asOf, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);

        // '~' sorts after every character of a lead id, so the bound includes every lead due at exactly asOf.
        var upper = Ticks(asOf) + "|~";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(sweep)} and RowKey le {upper}");
        return await StorageFailures.Guard(async () =>
        {
            await foreach (var page in _tables.Due.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken)
                .AsPages(continuationToken, pageSize))
            {
                return new DuePage([.. page.Values.Select(e => FromEntity(sweep, e))], page.ContinuationToken);
            }

            return new DuePage([], null);
        });
    }

    internal static string PartitionOf(SweepKind sweep) => sweep.Name();

    internal static string RowKeyOf(DueEntry entry) => Ticks(entry.DueAt) + "|" + entry.LeadId;

    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D" + TickDigits, CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(DueEntry entry) => new(PartitionOf(entry.Sweep), RowKeyOf(entry));

    private static DueEntry FromEntity(SweepKind sweep, TableEntity entity)
    {
        var separator = entity.RowKey.IndexOf('|', StringComparison.Ordinal);
        var ticks = long.Parse(entity.RowKey.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture);
        return new DueEntry(sweep, entity.RowKey[(separator + 1)..], new DateTimeOffset(ticks, TimeSpan.Zero));
    }
}
