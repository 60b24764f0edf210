using LeadFunctions.Domain.LeadImports;

namespace LeadFunctions.Engine.LeadImports;

/// <summary>
/// An import's status: rows done of the total, how many made a new lead, changed a known one or changed nothing (the
/// row was already applied: a repeated file), and the row errors in row order.
/// </summary>
public sealed record ImportProgress(
    string ImportId,
    ImportSource Source,
    ImportState State,
    int Total,
    int Done,
    int Created,
    int Updated,
    int Unchanged,
    IReadOnlyList<ImportError> Errors)
{
    public static ImportProgress Of(ImportHeader header, IReadOnlyCollection<ChunkResult> results)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(results);
        var state = results.Count == 0 ? ImportState.Queued : results.Count >= header.Chunks ? ImportState.Completed : ImportState.Running;
        return new ImportProgress(
            header.ImportId,
            header.Source,
            state,
            header.Total,
            results.Sum(r => r.Done),
            results.Sum(r => r.Created),
            results.Sum(r => r.Updated),
            results.Sum(r => r.Unchanged),
            [.. results.SelectMany(r => r.Errors).OrderBy(e => e.Row)]);
    }
}
