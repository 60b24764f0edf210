using LeadFunctions.Domain.Sweeps;

namespace LeadFunctions.Engine.Ports;

/// <summary>One page of due entries and where the next page starts.</summary>
public sealed record DuePage(IReadOnlyList<DueEntry> Entries, string? ContinuationToken);

/// <summary>
/// Due dates by sweep, so a sweep reads the leads that are due and not the whole table. Entries are written with
/// the lead, in the same transaction (see <see cref="ILeadStore.SaveAsync"/>); a sweep still re-checks the lead
/// before acting, because the playbook's thresholds may have changed since the entry was written.
/// </summary>
public interface IDueIndex
{
    Task<DuePage> ReadDueAsync(SweepKind sweep, DateTimeOffset asOf, int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>Drops entries that no longer match their lead (erased, or due dates recomputed under a new playbook).</summary>
    Task RemoveAsync(IReadOnlyCollection<DueEntry> entries, CancellationToken cancellationToken);
}
