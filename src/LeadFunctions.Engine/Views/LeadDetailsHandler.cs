using LeadFunctions.Engine.Identity;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Engine.Views;

/// <summary>Reads one lead and its history; null when there is no such lead (an id no e-mail hashes to included).</summary>
public sealed class LeadDetailsHandler
{
    private readonly ILeadStore _store;

    public LeadDetailsHandler(ILeadStore store) => _store = store;

    public async Task<LeadDetails?> GetAsync(string leadId, CancellationToken cancellationToken)
    {
        if (!LeadIdentity.IsWellFormed(leadId) || await _store.GetAsync(leadId, cancellationToken) is not { } stored)
        {
            return null;
        }

        var history = await _store.GetHistoryAsync(leadId, cancellationToken);
        return new LeadDetails(stored.Lead, history);
    }
}
