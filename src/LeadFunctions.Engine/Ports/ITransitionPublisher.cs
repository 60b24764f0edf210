using LeadFunctions.Engine.Transitions;

namespace LeadFunctions.Engine.Ports;

/// <summary>Durable hand-off of transition commands to the consumer that applies them (Service Bus in Azure, a storage queue locally).</summary>
public interface ITransitionPublisher
{
    /// <summary>Returns once the message is durably queued.</summary>
    Task PublishAsync(TransitionEnvelope envelope, CancellationToken cancellationToken);
}
