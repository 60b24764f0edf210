using Azure.Messaging.ServiceBus;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Transitions;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.Hosting;

/// <summary>
/// The settlement every Service Bus trigger here shares (AutoCompleteMessages is off): complete what the handler took,
/// dead-letter with its reason what can never succeed, and give back the message when storage is unavailable, so it
/// comes again instead of counting towards the dead-letter queue for an outage that is not its fault.
/// </summary>
internal static class ManualSettlement
{
    /// <returns>False when the message was given back because storage was unavailable (the caller logs why).</returns>
    public static async Task<bool> SettleAsync(
        ServiceBusReceivedMessage message,
        ServiceBusMessageActions actions,
        Func<CancellationToken, Task<MessageHandling>> handle,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(handle);
        MessageHandling handling;
        try
        {
            handling = await handle(cancellationToken);
        }
        catch (StoreUnavailableException)
        {
            await actions.AbandonMessageAsync(message, cancellationToken: cancellationToken);
            return false;
        }

        if (handling.Settlement == MessageSettlement.DeadLetter)
        {
            await actions.DeadLetterMessageAsync(message, deadLetterReason: handling.Reason, cancellationToken: cancellationToken);
            return true;
        }

        await actions.CompleteMessageAsync(message, cancellationToken);
        return true;
    }
}
