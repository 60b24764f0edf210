using LeadFunctions.Engine.LeadImports;

namespace LeadFunctions.Http.Answers;

/// <summary>
/// An import's progress: state (queued, running, completed), rows done of the total, leads created and updated, rows
/// that changed nothing (already imported), and the row errors (row: 1-based data row, the CSV header not counted).
/// </summary>
public sealed record ImportStatus(
    string ImportId,
    string Source,
    string State,
    int Total,
    int Done,
    int Created,
    int Updated,
    int Unchanged,
    IReadOnlyList<ImportError> Errors);
