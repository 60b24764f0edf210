using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Outbox;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Processing;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Engine.Privacy;

/// <summary>
/// GDPR erasure: every stored row about the lead, events still waiting in the outbox included, and this instance's
/// cached copy of it. Subscribers are told with one Erased event that carries nothing about the person.
/// </summary>
public sealed partial class EraseLeadHandler
{
    internal const string Actor = "privacy";

    private readonly ILeadStore _store;
    private readonly LeadStateCache _cache;
    private readonly LeadEventLog _events;
    private readonly LeadEventRelay _relay;
    private readonly TimeProvider _time;
    private readonly ILogger<EraseLeadHandler> _logger;

    public EraseLeadHandler(ILeadStore store, LeadStateCache cache, LeadEventLog events, LeadEventRelay relay, TimeProvider time, ILogger<EraseLeadHandler> logger)
    {
        _store = store;
        _cache = cache;
        _events = events;
        _relay = relay;
        _time = time;
        _logger = logger;
    }

    /// <returns>False when there was no such lead.</returns>
    public async Task<bool> EraseAsync(string leadId, CancellationToken cancellationToken)
    {
        _cache.Forget(leadId);
        LeadEvent? erasedEvent = null;
        var erased = await _store.EraseAsync(
            leadId, lead => erasedEvent = _events.Erased(lead, _time.GetUtcNow(), Actor, "erase:" + leadId), cancellationToken);
        _cache.Forget(leadId);
        if (erased)
        {
            LogErased(leadId);
        }

        if (erasedEvent is not null)
        {
            await _relay.PublishStoredAsync([erasedEvent], cancellationToken);
        }

        return erased;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {LeadId} erased on request")]
    private partial void LogErased(string leadId);
}
