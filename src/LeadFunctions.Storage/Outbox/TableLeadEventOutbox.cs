using System.Globalization;
using Azure;
using Azure.Data.Tables;
using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Storage.Leads;

namespace LeadFunctions.Storage.Outbox;

/// <summary>
/// Reads and removes the outbox rows <see cref="TableLeadStore"/> writes with each change. "What waits" is one range
/// read per partition that touches only outbox rows, filtered on when they were recorded. The continuation token is
/// "partition index|table continuation", as the due index's.
/// </summary>
public sealed class TableLeadEventOutbox : ILeadEventOutbox
{
    private readonly TableProvisioner _tables;

    public TableLeadEventOutbox(TableProvisioner tables) => _tables = tables;

    public async Task<LeadEventPage> ReadPendingAsync(DateTimeOffset recordedBefore, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        var (partition, token) = Parse(continuationToken);
        return await _tables.MapOutagesAsync(async () =>
        {
            for (; partition < LeadKeys.Partitions; partition++, token = null)
            {
                var filter = TableClient.CreateQueryFilter(
                    $"PartitionKey eq {LeadKeys.PartitionName(partition)} and RowKey gt {LeadKeys.OutboxPrefix} and RowKey lt {LeadKeys.OutboxUpperBound} and RecordedAt lt {recordedBefore}");
                var page = await _tables.Leads.PageAsync(filter, pageSize, token, [OutboxRows.Event], cancellationToken);
                if (page is not null && (page.Values.Count > 0 || page.ContinuationToken is not null))
                {
                    var next = page.ContinuationToken is { } more ? Format(partition, more)
                        : partition + 1 < LeadKeys.Partitions ? Format(partition + 1, null)
                        : null;
                    return new LeadEventPage([.. page.Values.Select(OutboxRows.ToEvent)], next);
                }
            }

            return new LeadEventPage([], null);
        });
    }

    public async Task RemoveAsync(IReadOnlyCollection<LeadEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return;
        }

        await _tables.EnsureCreatedAsync(cancellationToken);
        await _tables.MapOutagesAsync(() => Task.WhenAll(
            events.GroupBy(e => LeadKeys.PartitionOf(e.LeadId)).SelectMany(p => p.Chunk(100)).Select(chunk => RemoveChunkAsync(chunk, cancellationToken))));
    }

    /// <summary>
    /// One transaction per partition: a change's events all live in its lead's partition, so the fast path clears them
    /// in one request. A batch fails whole when a row is already gone (the other path removed it), so that one case
    /// falls back to removing row by row, which is repeatable.
    /// </summary>
    private async Task RemoveChunkAsync(LeadEvent[] chunk, CancellationToken cancellationToken)
    {
        try
        {
            await _tables.Leads.SubmitTransactionAsync(
                chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, OutboxRows.KeysOf(e), ETag.All)), cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 404)
        {
            await Task.WhenAll(chunk.Select(e => DeleteIfPresentAsync(e, cancellationToken)));
        }
    }

    private async Task DeleteIfPresentAsync(LeadEvent leadEvent, CancellationToken cancellationToken)
    {
        var keys = OutboxRows.KeysOf(leadEvent);
        try
        {
            await _tables.Leads.DeleteEntityAsync(keys.PartitionKey, keys.RowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone: removed by the fast path, or by an earlier pass.
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
            throw new ArgumentException("Not an outbox continuation token.", nameof(continuationToken));
        }

        var token = continuationToken[(separator + 1)..];
        return (partition, token.Length == 0 ? null : token);
    }

    private static string Format(int partition, string? token) => partition.ToString(CultureInfo.InvariantCulture) + "|" + token;
}
