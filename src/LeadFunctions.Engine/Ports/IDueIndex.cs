using LeadFunctions.Domain.Sweeps;

namespace LeadFunctions.Engine.Ports;

/// <summary>One page of due entries and where the next page starts.</summary>
public sealed record DuePage(IReadOnlyList<DueEntry> Entries, string? ContinuationToken);

/// <summary>
/// Due dates by sweep, so a sweep reads the leads that are due and not the whole table. Entries are hints:
/// the lead row is the truth, and a sweep re-checks it before acting.
/// </summary>
public interface IDueIndex
{
    Task AddAsync(IReadOnlyCollection<DueEntry> entries, CancellationToken cancellationToken);

    Task RemoveAsync(IReadOnlyCollection<DueEntry> entries, CancellationToken cancellationToken);

    Task<DuePage> ReadDueAsync(SweepKind sweep, DateTimeOffset asOf, int pageSize, string? continuationToken, CancellationToken cancellationToken);
}
