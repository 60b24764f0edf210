using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Processing;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Engine.Privacy;

/// <summary>GDPR erasure: every stored row about the lead, and this instance's cached copy of it.</summary>
public sealed partial class EraseLeadHandler
{
    private readonly ILeadStore _store;
    private readonly LeadStateCache _cache;
    private readonly ILogger<EraseLeadHandler> _logger;

    public EraseLeadHandler(ILeadStore store, LeadStateCache cache, ILogger<EraseLeadHandler> logger)
    {
        _store = store;
        _cache = cache;
        _logger = logger;
    }

    /// <returns>False when there was no such lead.</returns>
    public async Task<bool> EraseAsync(string leadId, CancellationToken cancellationToken)
    {
        _cache.Forget(leadId);
        var erased = await _store.EraseAsync(leadId, cancellationToken);
        _cache.Forget(leadId);
        if (erased)
        {
            LogErased(leadId);
        }

        return erased;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {LeadId} erased on request")]
    private partial void LogErased(string leadId);
}
