using Azure.Messaging.ServiceBus;
using LeadFunctions.Engine.Transitions;
using LeadFunctions.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Functions.Transitions;

/// <summary>
/// Applies queued transition commands. Settlement is manual: complete when the command is applied, refused
/// (recorded) or already recorded; dead-letter, with the reason, what can never succeed. A storage outage is waited
/// out inside the delivery (<see cref="StoreOutageBackoff"/>, the session lock renewed by the host meanwhile) and
/// only then is the message given back, so an outage of minutes costs one delivery, not all of them.
/// </summary>
public sealed partial class TransitionQueueFunction
{
    private readonly TransitionMessageHandler _handler;
    private readonly StoreOutageBackoff _backoff;
    private readonly ILogger<TransitionQueueFunction> _logger;

    public TransitionQueueFunction(TransitionMessageHandler handler, StoreOutageBackoff backoff, ILogger<TransitionQueueFunction> logger)
    {
        _handler = handler;
        _backoff = backoff;
        _logger = logger;
    }

    [Function(nameof(ApplyTransition))]
    public async Task ApplyTransition(
        [ServiceBusTrigger("%Transitions:QueueName%", Connection = "ServiceBusConnection", IsSessionsEnabled = true, AutoCompleteMessages = false)]
        ServiceBusReceivedMessage message,
        ServiceBusMessageActions actions,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!await ManualSettlement.SettleAsync(message, actions, token => _backoff.RunAsync(t => _handler.HandleAsync(message.Body.ToMemory(), t), token), cancellationToken))
        {
            LogGivingBack(message.SessionId, message.DeliveryCount);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage still unavailable after the outage budget; giving back the command for lead {LeadId} (delivery {DeliveryCount})")]
    private partial void LogGivingBack(string? leadId, int deliveryCount);
}
