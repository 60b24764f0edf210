using LeadFunctions.Domain.Sweeps;

namespace LeadFunctions.Engine.Ports;

/// <summary>
/// A due entry and the lead as it was written with it. <see cref="Lead"/> is null for an entry stored without a copy
/// (written by an older version); the sweep then reads the lead.
/// </summary>
/// <remarks>
/// The copy's <see cref="StoredLead.ETag"/> guards a write exactly as a lead row's ETag would: every write of a lead
/// rewrites all of its due entries, so an entry that is unchanged proves the lead is unchanged.
/// </remarks>
public sealed record DueLead(DueEntry Entry, StoredLead? Lead);

/// <summary>One page of due entries and where the next page starts.</summary>
public sealed record DuePage(IReadOnlyList<DueLead> Entries, string? ContinuationToken);

/// <summary>
/// Due dates by sweep, so a sweep reads the leads that are due and not the whole table. Entries are written with
/// the lead, in the same transaction (see <see cref="ILeadStore.SaveAsync"/>), each with a copy of the lead, so a
/// sweep reads each due lead once. It still re-checks that copy against the playbook before acting, because the
/// thresholds may have changed since the entry was written.
/// </summary>
public interface IDueIndex
{
    Task<DuePage> ReadDueAsync(SweepKind sweep, DateTimeOffset asOf, int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>
    /// Drops entries that no longer match their lead (erased, refused, or due dates recomputed under a new playbook).
    /// An entry rewritten since it was read is current again and stays.
    /// </summary>
    Task RemoveAsync(IReadOnlyCollection<DueLead> entries, CancellationToken cancellationToken);
}
