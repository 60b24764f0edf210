using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Engine.Ports;

/// <summary>A lead as stored, with the version tag that guards the next write.</summary>
public sealed record StoredLead(Lead Lead, string ETag);

/// <summary>What a command needs before it runs: the lead, and whether this command id was already recorded.</summary>
public sealed record LeadLoad(StoredLead? Current, AuditRecord? PriorOutcome);

/// <summary>Where leads and their audit trails live. Each write is one atomic unit: lead, audit line and idempotency key together.</summary>
public interface ILeadStore
{
    Task<LeadLoad> LoadForCommandAsync(string leadId, string commandId, CancellationToken cancellationToken);

    /// <summary>Inserts the lead (<paramref name="expectedETag"/> null) or replaces it if unchanged since read, with its audit line.</summary>
    /// <exception cref="LeadWriteConflictException">Someone else wrote first, or the command id is already recorded.</exception>
    Task SaveAsync(Lead lead, string? expectedETag, AuditRecord audit, CancellationToken cancellationToken);

    Task<StoredLead?> GetAsync(string leadId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditRecord>> GetHistoryAsync(string leadId, CancellationToken cancellationToken);

    /// <summary>Erases every row about the lead. Returns false when there was nothing to erase.</summary>
    Task<bool> EraseAsync(string leadId, CancellationToken cancellationToken);
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
