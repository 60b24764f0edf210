using Azure;
using Azure.Data.Tables;
using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Storage.Leads;

/// <summary>
/// Leads in Azure Table Storage. Every write is one entity-group transaction in the lead's partition: the lead
/// row (inserted, or replaced only if unchanged), the command's row (insert-only, so a command id recorded once can
/// never be recorded again), the lead's due rows (keys only) as the lead now has them, and one outbox row per event the
/// change produced (insert-only), so an event is stored exactly when its change is.
/// </summary>
public sealed class TableLeadStore : ILeadStore
{
    private const int LeadAction = 0;
    private const int CommandAction = 1;

    private readonly TableProvisioner _tables;

    public TableLeadStore(TableProvisioner tables) => _tables = tables;

    /// <remarks>
    /// Point reads, not one query for both rows: an "or" on row keys is a partition scan in Table Storage, and Azurite
    /// scans the whole table for any query. A command row is written only in its lead's transaction and erased before
    /// the lead row, so with no lead there is no command row to look for, and a new person costs one read.
    /// </remarks>
    public async Task<LeadLoad> LoadForCommandAsync(string leadId, string commandId, CancellationToken cancellationToken)
    {
        if (await GetAsync(leadId, cancellationToken) is not { } lead)
        {
            return new LeadLoad(null, null);
        }

        return new LeadLoad(lead, await FindCommandAsync(leadId, commandId, cancellationToken));
    }

    public async Task<AuditRecord?> FindCommandAsync(string leadId, string commandId, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        var response = await _tables.MapOutagesAsync(
            () => _tables.Leads.GetEntityIfExistsAsync<TableEntity>(LeadKeys.PartitionOf(leadId), LeadKeys.Command(leadId, commandId), cancellationToken: cancellationToken));
        return response.HasValue ? LeadRows.ToAudit(response.Value!) : null;
    }

    public async Task<string> SaveAsync(LeadWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        await _tables.EnsureCreatedAsync(cancellationToken);
        var batch = Batch(write.Lead, write.ExpectedETag, write.Audit, write.DueBefore, write.DueAfter);
        batch.AddRange(write.Events.Select(e => new TableTransactionAction(TableTransactionActionType.Add, OutboxRows.ToEntity(e))));
        try
        {
            return await SubmitAsync(batch, cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            var conflict = ex.FailedTransactionActionIndex == CommandAction ? WriteConflict.CommandAlreadyRecorded : WriteConflict.LeadChanged;
            throw new LeadWriteConflictException(conflict, ex);
        }
    }

    public async Task<bool> RescheduleAsync(StoredLead stored, IReadOnlyCollection<DueEntry> due, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        await _tables.EnsureCreatedAsync(cancellationToken);
        try
        {
            await SubmitAsync(Batch(stored.Lead, stored.ETag, audit: null, stored.Due, due), cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412)
        {
            // The lead changed (or went) meanwhile; that write recomputed its due entries itself.
            return false;
        }
    }

    /// <summary>
    /// One transaction: the lead row (inserted, or replaced if unchanged since <paramref name="expectedETag"/>), the
    /// command's row, every due row the lead now has (upserted, so a row lost or never written comes back with the
    /// next write), and deletes for the due rows it no longer has.
    /// </summary>
    private static List<TableTransactionAction> Batch(Lead lead, string? expectedETag, AuditRecord? audit, IReadOnlyCollection<DueEntry> dueBefore, IReadOnlyCollection<DueEntry> dueAfter)
    {
        var (leadRow, dueRows) = LeadRows.ToEntities(lead, dueAfter);
        var batch = new List<TableTransactionAction>
        {
            expectedETag is null
                ? new(TableTransactionActionType.Add, leadRow)
                : new(TableTransactionActionType.UpdateReplace, leadRow, new ETag(expectedETag)),
        };
        if (audit is not null)
        {
            batch.Add(new TableTransactionAction(TableTransactionActionType.Add, LeadRows.ToEntity(lead.Id, audit)));
        }

        batch.AddRange(dueRows.Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)));
        var after = dueAfter.ToHashSet();
        batch.AddRange(dueBefore.Where(d => !after.Contains(d)).Select(gone => new TableTransactionAction(TableTransactionActionType.Delete, LeadRows.KeysOf(gone), ETag.All)));
        return batch;
    }

    /// <summary>
    /// Submits a batch whose first action writes the lead row. A due row already gone (dropped by a sweep) is not an
    /// error when it was to be deleted anyway: that delete is taken out and the rest submitted again.
    /// </summary>
    private async Task<string> SubmitAsync(List<TableTransactionAction> batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var response = await _tables.MapOutagesAsync(() => _tables.Leads.SubmitTransactionAsync(batch, cancellationToken));
                return response.Value[LeadAction].Headers.ETag?.ToString() ?? string.Empty;
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 404 && ex.FailedTransactionActionIndex is { } failed
                && failed > LeadAction && batch[failed].ActionType == TableTransactionActionType.Delete)
            {
                batch.RemoveAt(failed);
            }
        }
    }

    public async Task<StoredLead?> GetAsync(string leadId, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        var response = await _tables.MapOutagesAsync(
            () => _tables.Leads.GetEntityIfExistsAsync<TableEntity>(LeadKeys.PartitionOf(leadId), LeadKeys.Lead(leadId), cancellationToken: cancellationToken));
        return response.HasValue ? Stored(response.Value!) : null;
    }

    public async Task<IReadOnlyList<AuditRecord>> GetHistoryAsync(string leadId, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        return await _tables.MapOutagesAsync(async () =>
        {
            var history = new List<AuditRecord>();
            await foreach (var entity in _tables.Leads.QueryAsync<TableEntity>(CommandsOf(leadId), cancellationToken: cancellationToken))
            {
                history.Add(LeadRows.ToAudit(entity));
            }

            return (IReadOnlyList<AuditRecord>)[.. history.OrderBy(a => a.Sequence)];
        });
    }

    public async Task<bool> EraseAsync(string leadId, Func<Lead, LeadEvent> erased, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(erased);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await GetAsync(leadId, cancellationToken);
            try
            {
                return await _tables.MapOutagesAsync(() => EraseOnceAsync(leadId, stored, erased, cancellationToken));
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412 && attempt < 5)
            {
                // The lead changed while it was being erased (or the relay removed an event meanwhile): read again.
            }
        }
    }

    /// <summary>
    /// Due rows first, one by one (a missing one is fine), then the command rows; the lead row goes in the last batch,
    /// guarded by its version, with the Erased event and the waiting events rewritten without the person. An
    /// interrupted erase leaves the lead findable and the erase repeatable; the Erased event exists exactly when the
    /// lead row is gone; and the waiting events keep their numbers, so subscribers still see no gap.
    /// </summary>
    private async Task<bool> EraseOnceAsync(string leadId, StoredLead? stored, Func<Lead, LeadEvent> erased, CancellationToken cancellationToken)
    {
        var partition = LeadKeys.PartitionOf(leadId);
        if (stored is not null)
        {
            await Task.WhenAll(stored.Due.Select(d => DeleteIfPresentAsync(partition, LeadKeys.Due(d), cancellationToken)));
        }

        var rows = new List<TableEntity>();
        await foreach (var entity in _tables.Leads.QueryAsync<TableEntity>(CommandsOf(leadId), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            rows.Add(entity);
        }

        foreach (var chunk in rows.Chunk(100))
        {
            await _tables.Leads.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
        }

        if (stored is null)
        {
            // The lead row went last, with the outbox rewritten: what waits now carries no personal data.
            return rows.Count > 0;
        }

        var stripped = new List<TableTransactionAction>();
        await foreach (var entity in _tables.Leads.QueryAsync<TableEntity>(OutboxOf(leadId), cancellationToken: cancellationToken))
        {
            var anonymous = OutboxRows.ToEntity(OutboxRows.ToEvent(entity) with { Person = null });
            stripped.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, anonymous, entity.ETag));
        }

        // Rewriting an event without the person is harmless on its own, so any beyond the last batch's room go first.
        const int LastBatchRoom = 98;
        var early = stripped.Count > LastBatchRoom ? stripped.Count - LastBatchRoom : 0;
        foreach (var chunk in stripped.Take(early).Chunk(100))
        {
            await _tables.Leads.SubmitTransactionAsync(chunk, cancellationToken);
        }

        var last = new List<TableTransactionAction>(stripped.Skip(early))
        {
            new(TableTransactionActionType.Add, OutboxRows.ToEntity(erased(stored.Lead))),
            new(TableTransactionActionType.Delete, new TableEntity(partition, LeadKeys.Lead(leadId)), new ETag(stored.ETag)),
        };
        await _tables.Leads.SubmitTransactionAsync(last, cancellationToken);
        return true;
    }

    private async Task DeleteIfPresentAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            await _tables.Leads.DeleteEntityAsync(partition, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Already gone: dropped by a sweep, or by an erase that was interrupted.
        }
    }

    private static string OutboxOf(string leadId) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {LeadKeys.PartitionOf(leadId)} and RowKey ge {LeadKeys.OutboxFrom(leadId)} and RowKey lt {LeadKeys.OutboxTo(leadId)}");

    private static string CommandsOf(string leadId) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {LeadKeys.PartitionOf(leadId)} and RowKey ge {LeadKeys.CommandsFrom(leadId)} and RowKey lt {LeadKeys.CommandsTo(leadId)}");

    private static StoredLead Stored(TableEntity entity) => new(LeadRows.ToLead(entity), entity.ETag.ToString(), LeadRows.DueOf(entity.RowKey[LeadKeys.LeadPrefix.Length..], entity));
}
