using System.Collections.Concurrent;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Engine.Processing;

/// <summary>
/// The last state this instance wrote for recently touched leads. A command for a cached lead skips the read and
/// writes against the cached version tag; if anyone else wrote since, the tag no longer matches, the write is
/// refused and the processor reads again. So the cache saves a round trip and can never cause a lost update.
/// Entries hold personal data, so they live minutes, not for the life of the process, and erasure drops them.
/// </summary>
public sealed class LeadStateCache
{
    internal const int Capacity = 10_000;
    internal static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (StoredLead Stored, DateTimeOffset ExpiresAt)> _leads = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public LeadStateCache(TimeProvider time) => _time = time;

    public bool TryGet(string leadId, out StoredLead stored)
    {
        if (_leads.TryGetValue(leadId, out var entry) && entry.ExpiresAt > _time.GetUtcNow())
        {
            stored = entry.Stored;
            return true;
        }

        stored = null!;
        return false;
    }

    public void Remember(StoredLead stored)
    {
        ArgumentNullException.ThrowIfNull(stored);

        // Bounded without bookkeeping: start afresh when full. A miss only costs the read the cache would have saved.
        if (_leads.Count >= Capacity)
        {
            _leads.Clear();
        }

        _leads[stored.Lead.Id] = (stored, _time.GetUtcNow() + TimeToLive);
    }

    public void Forget(string leadId) => _leads.TryRemove(leadId, out _);
}
