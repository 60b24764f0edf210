using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Engine.Ports;

/// <summary>A lead as stored: the version tag that guards the next write, and the due-index entries written with it.</summary>
public sealed record StoredLead(Lead Lead, string ETag, IReadOnlyCollection<DueEntry> Due);

/// <summary>
/// One atomic write: the lead (inserted when <see cref="ExpectedETag"/> is null, else replaced only if unchanged),
/// the command's audit line (which is also its idempotency key), the lead's due-index entries moved from
/// <see cref="DueBefore"/> to <see cref="DueAfter"/>, and the change's events into the outbox: no change without its
/// events, no event without its change.
/// </summary>
public sealed record LeadWrite(Lead Lead, string? ExpectedETag, AuditRecord Audit, IReadOnlyCollection<DueEntry> DueBefore, IReadOnlyCollection<DueEntry> DueAfter)
{
    public IReadOnlyList<LeadEvent> Events { get; init; } = [];
}

/// <summary>What a command needs before it runs: the lead, and whether this command id was already recorded.</summary>
public sealed record LeadLoad(StoredLead? Current, AuditRecord? PriorOutcome);

/// <summary>Where leads, their audit trails and their due dates live. Each write is one atomic unit.</summary>
public interface ILeadStore
{
    Task<LeadLoad> LoadForCommandAsync(string leadId, string commandId, CancellationToken cancellationToken);

    /// <summary>The command's audit line if that command id is recorded for the lead (a point read; the lead is not read).</summary>
    Task<AuditRecord?> FindCommandAsync(string leadId, string commandId, CancellationToken cancellationToken);

    /// <summary>Writes lead, audit line and due entries in one transaction; returns the lead's new version tag.</summary>
    /// <exception cref="LeadWriteConflictException">Someone else wrote first, the lead is gone, or the command id is already recorded.</exception>
    Task<string> SaveAsync(LeadWrite write, CancellationToken cancellationToken);

    /// <summary>
    /// Rewrites only the lead's due entries (the lead unchanged), if the lead is still at <see cref="StoredLead.ETag"/>;
    /// for a playbook whose thresholds changed since the entries were written. Returns false when the lead moved on.
    /// </summary>
    Task<bool> RescheduleAsync(StoredLead stored, IReadOnlyCollection<DueEntry> due, CancellationToken cancellationToken);

    Task<StoredLead?> GetAsync(string leadId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditRecord>> GetHistoryAsync(string leadId, CancellationToken cancellationToken);

    /// <summary>
    /// Erases every row about the lead, outbox rows included, and leaves in the outbox only the event
    /// <paramref name="erased"/> makes of the lead as it stood (written with the lead row's removal, so it is stored
    /// exactly when the lead is gone). Returns false when there was nothing to erase.
    /// </summary>
    Task<bool> EraseAsync(string leadId, Func<Lead, LeadEvent> erased, CancellationToken cancellationToken);
}

public enum WriteConflict
{
    LeadChanged,
    CommandAlreadyRecorded,
}

/// <summary>An optimistic write lost a race; reload and decide again.</summary>
public sealed class LeadWriteConflictException : Exception
{
    public LeadWriteConflictException(WriteConflict conflict, Exception? innerException = null)
        : base($"Write conflict: {conflict}.", innerException) => Conflict = conflict;

    public LeadWriteConflictException()
        : this(WriteConflict.LeadChanged)
    {
    }

    public LeadWriteConflictException(string message)
        : base(message)
    {
    }

    public LeadWriteConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public WriteConflict Conflict { get; }
}

/// <summary>The store did not answer (outage, throttling). Callers report "try again" and never a half-done write.</summary>
public sealed class StoreUnavailableException : Exception
{
    public StoreUnavailableException()
    {
    }

    public StoreUnavailableException(string message)
        : base(message)
    {
    }

    public StoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
