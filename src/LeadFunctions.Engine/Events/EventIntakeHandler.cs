using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Identity;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Transitions;

namespace LeadFunctions.Engine.Events;

/// <summary>
/// Queues an external event for its lead; the queue consumer applies it through the state machine. Returns once the
/// command is durably queued. The lead must exist now: an event for nobody is refused here rather than recorded later.
/// </summary>
public sealed class EventIntakeHandler
{
    private readonly LeadIdentity _identity;
    private readonly ILeadStore _store;
    private readonly ITransitionPublisher _publisher;

    public EventIntakeHandler(LeadIdentity identity, ILeadStore store, ITransitionPublisher publisher)
    {
        _identity = identity;
        _store = store;
        _publisher = publisher;
    }

    public async Task<EventPostResult> PostForLeadAsync(string leadId, ExternalEvent posted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posted);
        if (!LeadIdentity.IsWellFormed(leadId) || await _store.GetAsync(leadId, cancellationToken) is null)
        {
            return EventPostResult.NoSuchLead;
        }

        var command = new Domain.Transitions.TransitionCommand(
            CommandIds.ForEvent(posted.EventId), posted.Type, posted.OccurredAt, posted.Actor, posted.Reason, posted.Data);
        await _publisher.PublishAsync(new TransitionEnvelope(leadId, command), cancellationToken);
        return EventPostResult.Queued(posted.EventId);
    }

    /// <param name="email">Already normalized: the lead id is a keyed hash of it.</param>
    public Task<EventPostResult> PostByEmailAsync(string email, ExternalEvent posted, CancellationToken cancellationToken)
        => PostForLeadAsync(_identity.LeadIdFor(email), posted, cancellationToken);
}
