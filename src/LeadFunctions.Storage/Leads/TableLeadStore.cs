using Azure;
using Azure.Data.Tables;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Storage.Leads;

/// <summary>
/// Leads in Azure Table Storage. Every write is one entity-group transaction in the lead's partition: the lead
/// row (inserted, or replaced only if its ETag is unchanged) and the command's row (insert-only, so a command id
/// recorded once can never be recorded again).
/// </summary>
public sealed class TableLeadStore : ILeadStore
{
    private readonly TableProvisioner _tables;

    public TableLeadStore(TableProvisioner tables) => _tables = tables;

    public async Task<LeadLoad> LoadForCommandAsync(string leadId, string commandId, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {leadId} and (RowKey eq {LeadRows.LeadRowKey} or RowKey eq {LeadRows.CommandRowKey(commandId)})");
        return await StorageFailures.Guard(async () =>
        {
            StoredLead? lead = null;
            AuditRecord? prior = null;
            await foreach (var entity in _tables.Leads.QueryAsync<TableEntity>(filter, maxPerPage: 2, cancellationToken: cancellationToken))
            {
                if (LeadRows.IsLeadRow(entity))
                {
                    lead = new StoredLead(LeadRows.ToLead(entity), entity.ETag.ToString());
                }
                else
                {
                    prior = LeadRows.ToAudit(entity);
                }
            }

            return new LeadLoad(lead, prior);
        });
    }

    public async Task SaveAsync(Lead lead, string? expectedETag, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(audit);
        await _tables.EnsureCreatedAsync(cancellationToken);
        var leadRow = LeadRows.ToEntity(lead);
        TableTransactionAction[] batch =
        [
            expectedETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, leadRow)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, leadRow, new ETag(expectedETag)),
            new TableTransactionAction(TableTransactionActionType.Add, LeadRows.ToEntity(lead.Id, audit)),
        ];

        try
        {
            await StorageFailures.Guard(() => _tables.Leads.SubmitTransactionAsync(batch, cancellationToken));
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
        {
            // Index 1 is the command row: it exists, so this command was recorded by a concurrent delivery.
            var conflict = ex.FailedTransactionActionIndex == 1 ? WriteConflict.CommandAlreadyRecorded : WriteConflict.LeadChanged;
            throw new LeadWriteConflictException(conflict, ex);
        }
    }

    public async Task<StoredLead?> GetAsync(string leadId, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        var response = await StorageFailures.Guard(
            () => _tables.Leads.GetEntityIfExistsAsync<TableEntity>(leadId, LeadRows.LeadRowKey, cancellationToken: cancellationToken));
        return response.HasValue ? new StoredLead(LeadRows.ToLead(response.Value!), response.Value!.ETag.ToString()) : null;
    }

    public async Task<IReadOnlyList<AuditRecord>> GetHistoryAsync(string leadId, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {leadId} and RowKey ge {LeadRows.CommandPrefix} and RowKey lt {LeadRows.CommandUpperBound}");
        return await StorageFailures.Guard(async () =>
        {
            var history = new List<AuditRecord>();
            await foreach (var entity in _tables.Leads.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                history.Add(LeadRows.ToAudit(entity));
            }

            return (IReadOnlyList<AuditRecord>)[.. history.OrderBy(a => a.Sequence)];
        });
    }

    public async Task<bool> EraseAsync(string leadId, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {leadId}");
        return await StorageFailures.Guard(async () =>
        {
            var rows = new List<TableEntity>();
            await foreach (var entity in _tables.Leads.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
            {
                rows.Add(entity);
            }

            // The lead row goes in the last batch, so an interrupted erase leaves the lead findable and the erase repeatable.
            foreach (var chunk in rows.OrderBy(LeadRows.IsLeadRow).Chunk(100))
            {
                await _tables.Leads.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken);
            }

            return rows.Count > 0;
        });
    }
}
