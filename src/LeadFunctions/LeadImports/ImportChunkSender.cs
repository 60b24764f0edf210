using Azure.Messaging.ServiceBus;

namespace LeadFunctions.Functions.LeadImports;

/// <summary>The import queue's sender, kept apart from the transitions queue's sender in the container.</summary>
public sealed class ImportChunkSender(ServiceBusSender sender)
{
    public ServiceBusSender Sender { get; } = sender;
}
