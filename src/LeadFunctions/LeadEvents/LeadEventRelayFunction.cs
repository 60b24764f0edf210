using LeadFunctions.Engine.Outbox;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.LeadEvents;

/// <summary>
/// The relay pass in Azure: every ten seconds, events the fast path left in the outbox (an instance that died between
/// storing a change and publishing it, a Service Bus outage) go to the lead-events topic. The timer trigger's singleton
/// lock runs one pass at a time across instances; a pass that overlaps a fast path republishes under the same event id,
/// which the topic drops.
/// </summary>
public sealed class LeadEventRelayFunction
{
    private readonly LeadEventRelay _relay;

    public LeadEventRelayFunction(LeadEventRelay relay) => _relay = relay;

    [Function("RelayLeadEvents")]
    public Task RelayAsync([TimerTrigger("*/10 * * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return _relay.RelayPendingAsync(cancellationToken);
    }
}
