using LeadFunctions.Domain.Sweeps;

namespace LeadFunctions.Engine.Ports;

/// <summary>One page of due entries and where the next page starts.</summary>
public sealed record DuePage(IReadOnlyList<DueEntry> Entries, string? ContinuationToken);

/// <summary>
/// Due dates by sweep, so a sweep reads the leads that are due and not the whole table. Entries are written with
/// the lead, in the same transaction (see <see cref="ILeadStore.SaveAsync"/>), and hold nothing but their key: the
/// sweep reads the lead itself to re-check it against the playbook, and the queue consumer reads it again before it
/// writes, so a copy in the entry would be bytes written on every change and read by nobody.
/// </summary>
public interface IDueIndex
{
    Task<DuePage> ReadDueAsync(SweepKind sweep, DateTimeOffset asOf, int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>How many entries of the sweep are due as of <paramref name="asOf"/>: the total a run's progress counts towards.</summary>
    Task<int> CountDueAsync(SweepKind sweep, DateTimeOffset asOf, CancellationToken cancellationToken);

    /// <summary>
    /// Drops entries that are not their lead's (the lead is erased, or no longer lists the entry); repeatable, an
    /// entry already gone is fine. An entry the lead still lists goes only through a guarded write of the lead
    /// (<see cref="ILeadStore.RescheduleAsync"/>), never through here.
    /// </summary>
    Task RemoveAsync(IReadOnlyCollection<DueEntry> entries, CancellationToken cancellationToken);
}
