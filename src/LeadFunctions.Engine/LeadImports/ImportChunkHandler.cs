using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Processing;
using LeadFunctions.Engine.Transitions;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Engine.LeadImports;

/// <summary>
/// The consumer side of the import queue, called by the Service Bus trigger in Azure and the storage-queue worker
/// locally: applies one stored chunk row by row, then writes the chunk's result. A redelivered message whose result is
/// written does nothing; one delivered again mid-chunk applies its rows again, which the rows' command ids make
/// harmless (rows already applied then count as unchanged). Transient failures are thrown, so the transport retries.
/// </summary>
public sealed partial class ImportChunkHandler
{
    private readonly IImportStore _store;
    private readonly ImportRowHandler _rows;
    private readonly ImportActivity _activity;
    private readonly ILogger<ImportChunkHandler> _logger;

    public ImportChunkHandler(IImportStore store, ImportRowHandler rows, ImportActivity activity, ILogger<ImportChunkHandler> logger)
    {
        _store = store;
        _rows = rows;
        _activity = activity;
        _logger = logger;
    }

    public async Task<MessageHandling> HandleAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (ImportJson.TryReadMessage(body.Span) is not { } message)
        {
            return new MessageHandling(MessageSettlement.DeadLetter, "The message is not an import chunk message.", null);
        }

        if (await _store.IsDoneAsync(message.ImportId, message.Index, cancellationToken))
        {
            return new MessageHandling(MessageSettlement.Complete, null, null);
        }

        if (await _store.GetChunkAsync(message.ImportId, message.Index, cancellationToken) is not { } chunk)
        {
            LogNoChunk(message.ImportId, message.Index);
            return new MessageHandling(MessageSettlement.DeadLetter, "No such import chunk.", null);
        }

        _activity.Working(chunk.ImportId);
        int created = 0, updated = 0, unchanged = 0;
        var errors = new List<ImportError>();
        // A file is mostly new people (insert without reading) or mostly rows applied before (a file imported again, or
        // a message delivered again): each row expects what the row before it found. The first row looks its command up,
        // which costs a new file one read per chunk and spares a repeated one a refused write per chunk.
        var firstLook = FirstLook.CommandFirst;
        foreach (var row in chunk.Rows)
        {
            var (outcome, rowErrors) = await _rows.HandleAsync(chunk.ImportId, chunk.Source, row, firstLook, cancellationToken);
            firstLook = outcome switch
            {
                RowOutcome.Created => FirstLook.Guess,
                RowOutcome.Updated or RowOutcome.Unchanged => FirstLook.CommandFirst,
                _ => firstLook,
            };
            switch (outcome)
            {
                case RowOutcome.Created: created++; break;
                case RowOutcome.Updated: updated++; break;
                case RowOutcome.Unchanged: unchanged++; break;
                default: errors.AddRange(rowErrors); break;
            }
        }

        await _store.SaveResultAsync(chunk.ImportId, new ChunkResult(chunk.Index, chunk.Rows.Count, created, updated, unchanged, errors), cancellationToken);
        LogChunkDone(chunk.ImportId, chunk.Index, chunk.Rows.Count, created, updated, unchanged, chunk.Rows.Count - created - updated - unchanged);
        return new MessageHandling(MessageSettlement.Complete, null, null);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Import {ImportId} chunk {Index}: {Rows} rows, {Created} created, {Updated} updated, {Unchanged} unchanged, {Failed} failed")]
    private partial void LogChunkDone(string importId, int index, int rows, int created, int updated, int unchanged, int failed);

    [LoggerMessage(Level = LogLevel.Error, Message = "Import {ImportId} chunk {Index} is not stored; the message is dead-lettered")]
    private partial void LogNoChunk(string importId, int index);
}
