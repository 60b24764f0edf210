using Azure.Messaging.ServiceBus;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Transitions;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.Transitions;

/// <summary>
/// Applies queued transition commands. Settlement is manual: complete when the command is applied, refused
/// (recorded) or already recorded; dead-letter, with the reason, what can never succeed; abandon on a storage
/// outage so the message is redelivered (and dead-lettered by Service Bus after maxDeliveryCount).
/// </summary>
public sealed class TransitionQueueFunction
{
    private readonly TransitionMessageHandler _handler;

    public TransitionQueueFunction(TransitionMessageHandler handler) => _handler = handler;

    [Function(nameof(ApplyTransition))]
    public async Task ApplyTransition(
        [ServiceBusTrigger("%Transitions:QueueName%", Connection = "ServiceBusConnection", IsSessionsEnabled = true, AutoCompleteMessages = false)]
        ServiceBusReceivedMessage message,
        ServiceBusMessageActions actions,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(actions);
        MessageHandling handling;
        try
        {
            handling = await _handler.HandleAsync(message.Body.ToMemory(), cancellationToken);
        }
        catch (StoreUnavailableException)
        {
            await actions.AbandonMessageAsync(message, cancellationToken: cancellationToken);
            throw;
        }

        if (handling.Settlement == MessageSettlement.DeadLetter)
        {
            await actions.DeadLetterMessageAsync(message, deadLetterReason: handling.Reason, cancellationToken: cancellationToken);
            return;
        }

        await actions.CompleteMessageAsync(message, cancellationToken);
    }
}
