using Azure;
using Azure.Data.Tables;
using LeadFunctions.Engine.Webhooks;

namespace LeadFunctions.Storage.Deliveries;

/// <summary>
/// Undelivered webhook events in the Deliveries table. A delivered event's row is deleted, so the table holds only
/// open work and the retry pass's cross-partition query stays small; besides them, one small row per lead says how far
/// the handler has taken its events in.
/// </summary>
internal sealed class TableWebhookDeliveryStore : IWebhookDeliveryStore
{
    private readonly DeliveryTables _tables;

    public TableWebhookDeliveryStore(DeliveryTables tables) => _tables = tables;

    private TableClient Table => _tables.Deliveries;

    public async Task<IReadOnlyList<WebhookDelivery>> ListLeadAsync(string subscriberId, string leadId, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        // A filter string, not a lambda: the SDK compiles a lambda's captured values on every call, and the dynamic
        // methods it leaves cost the host a fifth of its CPU in finalizers at 200 hand-raises a second.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {DeliveryRows.Partition(subscriberId, leadId)}");
        return await _tables.MapOutagesAsync(async () =>
        {
            var result = new List<WebhookDelivery>();
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                result.Add(DeliveryRows.FromEntity(row));
            }

            return (IReadOnlyList<WebhookDelivery>)[.. result.OrderBy(d => d.Sequence)];
        });
    }

    public async Task<WebhookDelivery?> GetAsync(string subscriberId, string leadId, long sequence, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        return await _tables.MapOutagesAsync(async () =>
        {
            var found = await Table.GetEntityIfExistsAsync<TableEntity>(
                DeliveryRows.Partition(subscriberId, leadId), DeliveryRows.Row(sequence), cancellationToken: cancellationToken);
            return found.HasValue && found.Value is not null ? DeliveryRows.FromEntity(found.Value) : null;
        });
    }

    public Task<bool> TryAddAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return TryInsertAsync(DeliveryRows.ToEntity(delivery), cancellationToken);
    }

    public async Task SaveAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await _tables.EnsureCreatedAsync(cancellationToken);
        await _tables.MapOutagesAsync(() => Table.UpsertEntityAsync(DeliveryRows.ToEntity(delivery), TableUpdateMode.Replace, cancellationToken));
    }

    public async Task DeleteAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await _tables.EnsureCreatedAsync(cancellationToken);
        await _tables.MapOutagesAsync(() => Table.DeleteEntityAsync(
            DeliveryRows.Partition(delivery.SubscriberId, delivery.LeadId), DeliveryRows.Row(delivery.Sequence), ETag.All, cancellationToken));
    }

    public async Task<IReadOnlyList<WebhookDelivery>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        var pending = DeliveryState.Pending.ToString();
        var filter = TableClient.CreateQueryFilter($"State eq {pending} and NextAttemptAt le {now}");
        return await _tables.MapOutagesAsync(async () =>
        {
            var result = new List<WebhookDelivery>();
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken))
            {
                result.Add(DeliveryRows.FromEntity(row));
                if (result.Count >= max)
                {
                    break;
                }
            }

            return (IReadOnlyList<WebhookDelivery>)result;
        });
    }

    public async Task<long> HighestHandledAsync(string leadId, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        return await _tables.MapOutagesAsync(async () =>
        {
            var found = await Table.GetEntityIfExistsAsync<TableEntity>(
                DeliveryRows.HandledPartition(leadId), DeliveryRows.HandledRow, [DeliveryRows.HandledSequence], cancellationToken);
            return found.HasValue && found.Value is not null ? found.Value.GetInt64(DeliveryRows.HandledSequence) ?? 0 : 0;
        });
    }

    public Task<bool> TryAddHandledAsync(string leadId, long sequence, CancellationToken cancellationToken)
        => TryInsertAsync(DeliveryRows.Handled(leadId, sequence), cancellationToken);

    public async Task RecordHandledAsync(string leadId, long sequence, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        await _tables.MapOutagesAsync(() => Table.UpsertEntityAsync(DeliveryRows.Handled(leadId, sequence), TableUpdateMode.Replace, cancellationToken));
    }

    public async Task<DeliveryPage> ListByStateAsync(DeliveryState state, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"State eq {state.ToString()}");
        return await _tables.MapOutagesAsync(async () =>
        {
            var page = await Table.PageAsync(filter, pageSize, continuationToken, select: null, cancellationToken);
            return page is null
                ? new DeliveryPage([], null)
                : new DeliveryPage([.. page.Values.Select(DeliveryRows.FromEntity)], page.ContinuationToken);
        });
    }

    /// <summary>Inserts the row; false when a row with its keys is there already.</summary>
    private async Task<bool> TryInsertAsync(TableEntity row, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        try
        {
            await _tables.MapOutagesAsync(() => Table.AddEntityAsync(row, cancellationToken));
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}
