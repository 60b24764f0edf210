using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Functions.Tests.Support;

/// <summary>
/// The real Table store with a switch: until <see cref="Until"/> (on the test's clock) every call fails the way a
/// Table outage does, with <see cref="StoreUnavailableException"/>. Counts the calls refused.
/// </summary>
public sealed class OutageStore(ILeadStore inner, TimeProvider time) : ILeadStore
{
    private int _refused;

    public DateTimeOffset Until { get; set; } = DateTimeOffset.MinValue;

    public int Refused => _refused;

    public Task<LeadLoad> LoadForCommandAsync(string leadId, string commandId, CancellationToken cancellationToken)
        => Pass(() => inner.LoadForCommandAsync(leadId, commandId, cancellationToken));

    public Task<AuditRecord?> FindCommandAsync(string leadId, string commandId, CancellationToken cancellationToken)
        => Pass(() => inner.FindCommandAsync(leadId, commandId, cancellationToken));

    public Task<string> SaveAsync(LeadWrite write, CancellationToken cancellationToken)
        => Pass(() => inner.SaveAsync(write, cancellationToken));

    public Task<bool> RescheduleAsync(StoredLead stored, IReadOnlyCollection<Domain.Sweeps.DueEntry> due, CancellationToken cancellationToken)
        => Pass(() => inner.RescheduleAsync(stored, due, cancellationToken));

    public Task<StoredLead?> GetAsync(string leadId, CancellationToken cancellationToken)
        => Pass(() => inner.GetAsync(leadId, cancellationToken));

    public Task<IReadOnlyList<AuditRecord>> GetHistoryAsync(string leadId, CancellationToken cancellationToken)
        => Pass(() => inner.GetHistoryAsync(leadId, cancellationToken));

    public Task<bool> EraseAsync(string leadId, Func<Domain.Lifecycle.Lead, Domain.Events.LeadEvent> erased, CancellationToken cancellationToken)
        => Pass(() => inner.EraseAsync(leadId, erased, cancellationToken));

    private Task<T> Pass<T>(Func<Task<T>> call)
    {
        if (time.GetUtcNow() < Until)
        {
            Interlocked.Increment(ref _refused);
            throw new StoreUnavailableException("Simulated Table outage.");
        }

        return call();
    }
}
