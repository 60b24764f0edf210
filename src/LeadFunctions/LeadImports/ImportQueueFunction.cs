using Azure.Messaging.ServiceBus;
using LeadFunctions.Engine.LeadImports;
using LeadFunctions.Engine.Transitions;
using LeadFunctions.Functions.Hosting;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Functions.LeadImports;

/// <summary>
/// Applies one stored import chunk per message (no sessions: chunks of one import run side by side on as many
/// instances as the host scales to). Settlement is manual: complete when the chunk's result is written; dead-letter
/// what names no stored chunk; a storage outage is waited out inside the delivery, then the message is given back.
/// </summary>
public sealed partial class ImportQueueFunction
{
    private readonly ImportChunkHandler _handler;
    private readonly StoreOutageBackoff _backoff;
    private readonly ILogger<ImportQueueFunction> _logger;

    public ImportQueueFunction(ImportChunkHandler handler, StoreOutageBackoff backoff, ILogger<ImportQueueFunction> logger)
    {
        _handler = handler;
        _backoff = backoff;
        _logger = logger;
    }

    [Function(nameof(ApplyImportChunk))]
    public async Task ApplyImportChunk(
        [ServiceBusTrigger(ImportQueueName.Name, Connection = "ServiceBusConnection", AutoCompleteMessages = false)]
        ServiceBusReceivedMessage message,
        ServiceBusMessageActions actions,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!await ManualSettlement.SettleAsync(message, actions, token => _backoff.RunAsync(t => _handler.HandleAsync(message.Body.ToMemory(), t), token), cancellationToken))
        {
            LogGivingBack(message.MessageId, message.DeliveryCount);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage still unavailable after the outage budget; giving back import chunk {MessageId} (delivery {DeliveryCount})")]
    private partial void LogGivingBack(string messageId, int deliveryCount);
}
