using Azure;
using Azure.Data.Tables;
using LeadFunctions.Domain.LeadImports;
using LeadFunctions.Engine.LeadImports;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Storage.LeadImports;

/// <summary>
/// Imports in the Leads table, one partition each (<see cref="ImportKeys"/>). The chunks are written in entity-group
/// batches and the header last, so an import is visible only once all its rows are stored. Each chunk's result is its
/// own row, written once by whoever applied the chunk, with the chunk's rows removed; progress sums them on read, so
/// parallel chunks never contend.
/// </summary>
internal sealed class TableImportStore : IImportStore
{
    /// <summary>Chunks per batch: at most ~60 KB each, under a batch's 4 MiB and 100 operations.</summary>
    private const int ChunksPerBatch = 50;

    private readonly TableProvisioner _tables;

    public TableImportStore(TableProvisioner tables) => _tables = tables;

    public async Task SaveAsync(ImportHeader header, IReadOnlyList<ImportChunk> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(chunks);
        await _tables.EnsureCreatedAsync(cancellationToken);
        var partition = ImportKeys.Partition(header.ImportId);
        foreach (var batch in chunks.Chunk(ChunksPerBatch))
        {
            var actions = batch.Select(chunk => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, ImportKeys.Chunk(chunk.Index))
            {
                ["Source"] = chunk.Source.ToString(),
                ["Rows"] = ImportJson.SerializeRows(chunk.Rows),
            }));
            await _tables.MapOutagesAsync(() => _tables.Leads.SubmitTransactionAsync(actions, cancellationToken));
        }

        var row = new TableEntity(partition, ImportKeys.Header)
        {
            ["Source"] = header.Source.ToString(),
            ["Total"] = header.Total,
            ["Chunks"] = header.Chunks,
            ["AcceptedAt"] = header.AcceptedAt,
        };
        await _tables.MapOutagesAsync(() => _tables.Leads.AddEntityAsync(row, cancellationToken));
    }

    public async Task<ImportChunk?> GetChunkAsync(string importId, int index, CancellationToken cancellationToken)
    {
        var row = await GetAsync(ImportKeys.Partition(importId), ImportKeys.Chunk(index), null, cancellationToken);
        return row is null ? null : new ImportChunk(importId, index, Enum.Parse<ImportSource>(row.GetString("Source")), ImportJson.DeserializeRows(row.GetBinary("Rows")));
    }

    public async Task<bool> IsDoneAsync(string importId, int index, CancellationToken cancellationToken)
        => await GetAsync(ImportKeys.Partition(importId), ImportKeys.Result(index), ["RowKey"], cancellationToken) is not null;

    /// <summary>
    /// The result and the chunk's removal in one transaction: once applied, the rows (personal data) live only in the
    /// leads, where erasure finds them, and the import keeps counts and errors (never a value).
    /// </summary>
    public async Task SaveResultAsync(string importId, ChunkResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        await _tables.EnsureCreatedAsync(cancellationToken);
        var partition = ImportKeys.Partition(importId);
        var row = new TableEntity(partition, ImportKeys.Result(result.Index))
        {
            ["Done"] = result.Done,
            ["Created"] = result.Created,
            ["Updated"] = result.Updated,
            ["Unchanged"] = result.Unchanged,
            ["Errors"] = ImportJson.SerializeErrors(result.Errors),
        };
        TableTransactionAction[] actions =
        [
            new(TableTransactionActionType.UpsertReplace, row),
            new(TableTransactionActionType.Delete, new TableEntity(partition, ImportKeys.Chunk(result.Index)), ETag.All),
        ];
        await _tables.MapOutagesAsync(() => _tables.Leads.SubmitTransactionAsync(actions, cancellationToken));
    }

    public async Task<ImportProgress?> GetProgressAsync(string importId, CancellationToken cancellationToken)
    {
        var partition = ImportKeys.Partition(importId);
        if (await GetAsync(partition, ImportKeys.Header, null, cancellationToken) is not { } row)
        {
            return null;
        }

        var header = new ImportHeader(
            importId,
            Enum.Parse<ImportSource>(row.GetString("Source")),
            row.GetInt32("Total") ?? 0,
            row.GetInt32("Chunks") ?? 0,
            row.GetDateTimeOffset("AcceptedAt") ?? default);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey gt {ImportKeys.ResultPrefix} and RowKey lt {ImportKeys.ResultUpperBound}");
        var results = await _tables.MapOutagesAsync(async () =>
        {
            var list = new List<ChunkResult>();
            await foreach (var result in _tables.Leads.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                list.Add(new ChunkResult(
                    int.Parse(result.RowKey.AsSpan(ImportKeys.ResultPrefix.Length), System.Globalization.CultureInfo.InvariantCulture),
                    result.GetInt32("Done") ?? 0,
                    result.GetInt32("Created") ?? 0,
                    result.GetInt32("Updated") ?? 0,
                    result.GetInt32("Unchanged") ?? 0,
                    ImportJson.DeserializeErrors(result.GetBinary("Errors"))));
            }

            return list;
        });
        return ImportProgress.Of(header, results);
    }

    private async Task<TableEntity?> GetAsync(string partition, string rowKey, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        return await _tables.MapOutagesAsync(async () =>
        {
            var response = await _tables.Leads.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, select, cancellationToken);
            return response.HasValue ? response.Value : null;
        });
    }
}
