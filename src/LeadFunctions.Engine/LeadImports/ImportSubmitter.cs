using LeadFunctions.Domain.LeadImports;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Engine.LeadImports;

/// <summary>
/// Accepts an upload: stores its rows in chunks, then queues one message per chunk, and only then names the import.
/// A failure before that leaves at most an import nobody was told about, never one that was acknowledged and lost.
/// </summary>
public sealed class ImportSubmitter
{
    private readonly IImportStore _store;
    private readonly IImportChunkPublisher _queue;
    private readonly TimeProvider _time;

    public ImportSubmitter(IImportStore store, IImportChunkPublisher queue, TimeProvider time)
    {
        _store = store;
        _queue = queue;
        _time = time;
    }

    /// <returns>The import's id, for GET /api/imports/{importId}.</returns>
    public async Task<string> StartAsync(ImportSource source, IReadOnlyList<ImportRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var importId = ImportIds.New();
        var chunks = Chunk(importId, source, rows);
        await _store.SaveAsync(new ImportHeader(importId, source, rows.Count, chunks.Count, _time.GetUtcNow()), chunks, cancellationToken);
        await _queue.PublishAsync(importId, chunks.Count, cancellationToken);
        return importId;
    }

    /// <summary>Up to <see cref="ImportLimits.RowsPerChunk"/> rows each, closed early when the stored rows would outgrow one property.</summary>
    public static IReadOnlyList<ImportChunk> Chunk(string importId, ImportSource source, IReadOnlyList<ImportRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var chunks = new List<ImportChunk>();
        var current = new List<ImportRow>();
        var bytes = 2;
        foreach (var row in rows)
        {
            var size = ImportJson.SerializeRows([row]).Length;
            if (current.Count > 0 && (current.Count == ImportLimits.RowsPerChunk || bytes + size > ImportLimits.MaxChunkBytes))
            {
                chunks.Add(new ImportChunk(importId, chunks.Count, source, current));
                current = [];
                bytes = 2;
            }

            current.Add(row);
            bytes += size;
        }

        if (current.Count > 0)
        {
            chunks.Add(new ImportChunk(importId, chunks.Count, source, current));
        }

        return chunks;
    }
}
