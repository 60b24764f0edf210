using LeadFunctions.Engine.LeadImports;

namespace LeadFunctions.Engine.Ports;

/// <summary>Where imports live: the rows in chunks, and one result per chunk once it is applied.</summary>
public interface IImportStore
{
    /// <summary>Stores every chunk, then the header; an import exists (and is readable) only once all of it is stored.</summary>
    Task SaveAsync(ImportHeader header, IReadOnlyList<ImportChunk> chunks, CancellationToken cancellationToken);

    Task<ImportChunk?> GetChunkAsync(string importId, int index, CancellationToken cancellationToken);

    /// <summary>Whether the chunk's result is already written (a redelivered message then has nothing to do).</summary>
    Task<bool> IsDoneAsync(string importId, int index, CancellationToken cancellationToken);

    /// <summary>Writes the chunk's result and removes its stored rows, together; the chunk must still be stored.</summary>
    Task SaveResultAsync(string importId, ChunkResult result, CancellationToken cancellationToken);

    /// <summary>The header and every chunk result summed, or null for an unknown import.</summary>
    Task<ImportProgress?> GetProgressAsync(string importId, CancellationToken cancellationToken);
}
