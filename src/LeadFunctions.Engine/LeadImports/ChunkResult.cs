namespace LeadFunctions.Engine.LeadImports;

/// <summary>
/// What one chunk did, written once when it is done. Progress is the sum of these on read, so chunks handled in
/// parallel never contend on one counter.
/// </summary>
public sealed record ChunkResult(int Index, int Done, int Created, int Updated, int Unchanged, IReadOnlyList<ImportError> Errors);
