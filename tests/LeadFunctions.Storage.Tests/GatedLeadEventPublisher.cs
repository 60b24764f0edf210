using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Storage.Tests;

/// <summary>What a publish does in a test: pass through, fail before anything is sent, or send and then fail (a crash between publish and removal).</summary>
internal enum PublishMode
{
    Pass,
    FailBeforeSending,
    FailAfterSending,
}

/// <summary>The real local lead-events publisher behind a switch.</summary>
internal sealed class GatedLeadEventPublisher(ILeadEventPublisher inner) : ILeadEventPublisher
{
    public PublishMode Mode { get; set; } = PublishMode.Pass;

    public async Task PublishAsync(IReadOnlyList<LeadEvent> events, CancellationToken cancellationToken)
    {
        if (Mode == PublishMode.FailBeforeSending)
        {
            throw new StoreUnavailableException("The lead-events queue is down (test).");
        }

        await inner.PublishAsync(events, cancellationToken);
        if (Mode == PublishMode.FailAfterSending)
        {
            throw new InvalidOperationException("The instance died before removing the events (test).");
        }
    }
}
