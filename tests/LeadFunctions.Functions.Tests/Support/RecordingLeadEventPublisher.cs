using System.Collections.Concurrent;
using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Functions.Tests.Support;

/// <summary>Stands in for the lead-events topic sender: records what was published, in order.</summary>
public sealed class RecordingLeadEventPublisher : ILeadEventPublisher
{
    private readonly ConcurrentQueue<LeadEvent> _published = new();

    public IReadOnlyList<LeadEvent> Published => [.. _published];

    public Task PublishAsync(IReadOnlyList<LeadEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var leadEvent in events)
        {
            _published.Enqueue(leadEvent);
        }

        return Task.CompletedTask;
    }
}
