using Azure.Messaging.ServiceBus;

namespace LeadFunctions.Functions.LeadEvents;

/// <summary>The lead-events topic's sender, kept apart from the transitions queue's sender in the container.</summary>
public sealed class LeadEventSender(ServiceBusSender sender)
{
    public ServiceBusSender Sender { get; } = sender;
}
