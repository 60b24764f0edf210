namespace LeadFunctions.Engine.LeadImports;

/// <summary>
/// How much one import may hold. 20,000 rows and 10 MB cover a large purchased list while keeping one upload's stored
/// chunks (about 100 rows each) and its queue messages in the hundreds; bigger lists are split into several imports.
/// </summary>
public static class ImportLimits
{
    public const int MaxRows = 20_000;
    public const int MaxBytes = 10 * 1024 * 1024;

    /// <summary>Rows per stored chunk and queue message: small enough to be handled well inside a message's lock.</summary>
    public const int RowsPerChunk = 100;

    /// <summary>A chunk's stored rows stay under one table property's 64 KiB; a chunk closes early when the next row would not fit.</summary>
    public const int MaxChunkBytes = 60_000;

    /// <summary>A single row longer than this is refused as a row error (no form field set comes near it).</summary>
    public const int MaxRowBytes = 16_384;

    /// <summary>Field errors kept per row: enough to fix the row, without letting one bad file fill the status.</summary>
    public const int MaxErrorsPerRow = 5;
}
