using Azure.Messaging.ServiceBus;
using LeadFunctions.Engine.Webhooks;
using LeadFunctions.Functions.Hosting;
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
        if (!await ManualSettlement.SettleAsync(message, actions, token => _handler.HandleAsync(message.Body.ToMemory(), token), cancellationToken))
        {
            LogGivingBack(message.SessionId, message.DeliveryCount);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The delivery store is unavailable; giving back the lead event for lead {LeadId} (delivery {DeliveryCount})")]
    private partial void LogGivingBack(string? leadId, int deliveryCount);
}
