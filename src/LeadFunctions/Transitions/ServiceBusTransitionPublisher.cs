using Azure.Messaging.ServiceBus;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Transitions;

namespace LeadFunctions.Functions.Transitions;

/// <summary>
/// Publishes commands to the session-enabled queue: session id = lead id (one lead's commands are applied in
/// order, one at a time) and message id = command id (Service Bus drops a duplicate send inside its window).
/// </summary>
public sealed class ServiceBusTransitionPublisher : ITransitionPublisher
{
    private readonly ServiceBusSender _sender;

    public ServiceBusTransitionPublisher(ServiceBusSender sender) => _sender = sender;

    public async Task PublishAsync(TransitionEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        var message = new ServiceBusMessage(TransitionJson.Serialize(envelope))
        {
            SessionId = envelope.LeadId,
            MessageId = envelope.Command.CommandId,
            ContentType = "application/json",
            Subject = envelope.Command.Type.ToString(),
        };
        await _sender.SendMessageAsync(message, cancellationToken);
    }
}
