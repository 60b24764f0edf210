using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Engine.Health;

/// <summary>
/// Probes through the engine's own port: a point read of a lead id no e-mail hashes to. Storage that answers says
/// "not found"; storage that does not throws <see cref="StoreUnavailableException"/>. Works in both hosts without an SDK reference.
/// </summary>
public sealed class LeadStoreHealth : IStorageHealth
{
    internal const string ProbeLeadId = "ld-000000000000000000000000";
    private readonly ILeadStore _store;

    public LeadStoreHealth(ILeadStore store) => _store = store;

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _store.GetAsync(ProbeLeadId, cancellationToken);
            return true;
        }
        catch (StoreUnavailableException)
        {
            return false;
        }
    }
}
