using Azure.Messaging.ServiceBus;
using LeadFunctions.Engine.LeadImports;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Functions.LeadImports;

/// <summary>
/// One message per stored chunk on the lead-imports queue, sent in as few batches as fit; the message id names the
/// chunk, so a send repeated inside the duplicate-detection window is dropped by Service Bus.
/// </summary>
public sealed class ServiceBusImportChunkPublisher : IImportChunkPublisher
{
    private readonly ServiceBusSender _sender;

    public ServiceBusImportChunkPublisher(ImportChunkSender sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        _sender = sender.Sender;
    }

    public async Task PublishAsync(string importId, int chunks, CancellationToken cancellationToken)
    {
        var batch = await _sender.CreateMessageBatchAsync(cancellationToken);
        try
        {
            for (var index = 0; index < chunks; index++)
            {
                var message = new ServiceBusMessage(ImportJson.Serialize(new ChunkMessage(importId, index)))
                {
                    MessageId = $"{importId}:{index}",
                    ContentType = "application/json",
                };
                if (batch.TryAddMessage(message))
                {
                    continue;
                }

                await _sender.SendMessagesAsync(batch, cancellationToken);
                batch.Dispose();
                batch = await _sender.CreateMessageBatchAsync(cancellationToken);
                if (!batch.TryAddMessage(message))
                {
                    throw new InvalidOperationException("One import chunk message does not fit an empty batch.");
                }
            }

            if (batch.Count > 0)
            {
                await _sender.SendMessagesAsync(batch, cancellationToken);
            }
        }
        finally
        {
            batch.Dispose();
        }
    }
}
