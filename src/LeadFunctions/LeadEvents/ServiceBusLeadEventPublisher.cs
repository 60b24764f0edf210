using Azure.Messaging.ServiceBus;
using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Events;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Functions.LeadEvents;

/// <summary>
/// Publishes lead events to the lead-events topic: message id = event id (the topic drops a republished event inside
/// its duplicate-detection window), session id = lead id (each subscription gets one lead's events in order), body =
/// <see cref="LeadEventJson"/>, subject = event type. One batch per call when it fits, so a change's events go together.
/// </summary>
public sealed class ServiceBusLeadEventPublisher : ILeadEventPublisher
{
    private readonly LeadEventSender _sender;

    public ServiceBusLeadEventPublisher(LeadEventSender sender) => _sender = sender;

    public async Task PublishAsync(IReadOnlyList<LeadEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var pending = new Queue<ServiceBusMessage>(events.Select(ToMessage));
        while (pending.Count > 0)
        {
            using var batch = await _sender.Sender.CreateMessageBatchAsync(cancellationToken);
            while (pending.Count > 0 && batch.TryAddMessage(pending.Peek()))
            {
                pending.Dequeue();
            }

            if (batch.Count == 0)
            {
                // Larger than a batch may be on its own: send it alone and let the service say whether it fits.
                await _sender.Sender.SendMessageAsync(pending.Dequeue(), cancellationToken);
                continue;
            }

            await _sender.Sender.SendMessagesAsync(batch, cancellationToken);
        }
    }

    private static ServiceBusMessage ToMessage(LeadEvent leadEvent) => new(BinaryData.FromString(LeadEventJson.Write(leadEvent)))
    {
        MessageId = leadEvent.EventId,
        SessionId = leadEvent.LeadId,
        ContentType = "application/json",
        Subject = leadEvent.Type.ToString(),
    };
}
