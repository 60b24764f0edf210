using Azure.Messaging.ServiceBus;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Transitions;
using LeadFunctions.Engine.Webhooks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Functions.Webhooks;

/// <summary>
/// Delivers each lead event to the webhook subscribers, one lead (session) at a time in sequence order. Settlement is
/// manual: complete once every subscriber has it or has a delivery recorded for the retry pass; dead-letter what is
/// not a lead event; give back the message when the delivery store is unavailable.
/// </summary>
public sealed partial class WebhookDeliveryFunction
{
    private readonly WebhookDeliveryHandler _handler;
    private readonly ILogger<WebhookDeliveryFunction> _logger;

    public WebhookDeliveryFunction(WebhookDeliveryHandler handler, ILogger<WebhookDeliveryFunction> logger)
    {
        _handler = handler;
        _logger = logger;
    }

    [Function(nameof(DeliverWebhooks))]
    public async Task DeliverWebhooks(
        [ServiceBusTrigger(LeadEventsTopic.Name, LeadEventsTopic.WebhooksSubscription, Connection = "ServiceBusConnection", IsSessionsEnabled = true, AutoCompleteMessages = false)]
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
            LogGivingBack(message.SessionId, message.DeliveryCount);
            await actions.AbandonMessageAsync(message, cancellationToken: cancellationToken);
            return;
        }

        if (handling.Settlement == MessageSettlement.DeadLetter)
        {
            await actions.DeadLetterMessageAsync(message, deadLetterReason: handling.Reason, cancellationToken: cancellationToken);
            return;
        }

        await actions.CompleteMessageAsync(message, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The delivery store is unavailable; giving back the lead event for lead {LeadId} (delivery {DeliveryCount})")]
    private partial void LogGivingBack(string? leadId, int deliveryCount);
}
