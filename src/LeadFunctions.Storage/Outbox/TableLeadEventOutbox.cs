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
    private const string NotOurs = "Not an outbox continuation token.";

    private readonly TableProvisioner _tables;

    public TableLeadEventOutbox(TableProvisioner tables) => _tables = tables;

    public async Task<LeadEventPage> ReadPendingAsync(DateTimeOffset recordedBefore, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        return await _tables.MapOutagesAsync(async () =>
        {
            var (rows, next) = await PartitionWalk.PageAsync(
                _tables.Leads,
                partition => TableClient.CreateQueryFilter(
                    $"PartitionKey eq {partition} and RowKey gt {LeadKeys.OutboxPrefix} and RowKey lt {LeadKeys.OutboxUpperBound} and RecordedAt lt {recordedBefore}"),
                pageSize,
                continuationToken,
                [OutboxRows.Event],
                NotOurs,
                cancellationToken);
            return new LeadEventPage([.. rows.Select(OutboxRows.ToEvent)], next);
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
}
