using System.Collections.Concurrent;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Transitions;

namespace LeadFunctions.Functions.Tests.Support;

/// <summary>Stands in for the Service Bus sender (no namespace here): keeps what would have been sent, in order.</summary>
public sealed class RecordingPublisher : ITransitionPublisher
{
    private readonly ConcurrentQueue<TransitionEnvelope> _sent = new();

    public IReadOnlyCollection<TransitionEnvelope> Sent => _sent;

    public Task PublishAsync(TransitionEnvelope envelope, CancellationToken cancellationToken)
    {
        _sent.Enqueue(envelope);
        return Task.CompletedTask;
    }
}
