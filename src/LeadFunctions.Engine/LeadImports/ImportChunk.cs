using LeadFunctions.Domain.LeadImports;

namespace LeadFunctions.Engine.LeadImports;

/// <summary>A run of an import's rows, stored and handled as one unit (one queue message, one result).</summary>
public sealed record ImportChunk(string ImportId, int Index, ImportSource Source, IReadOnlyList<ImportRow> Rows);
