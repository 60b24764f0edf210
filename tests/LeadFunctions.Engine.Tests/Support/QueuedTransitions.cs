using System.Collections.Concurrent;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Transitions;

namespace LeadFunctions.Engine.Tests.Support;

/// <summary>An in-memory transition queue: records what is published, in order, until the test drains it.</summary>
public sealed class QueuedTransitions : ITransitionPublisher
{
    private readonly ConcurrentQueue<TransitionEnvelope> _queue = new();
    private readonly ConcurrentQueue<TransitionEnvelope> _published = new();

    public IReadOnlyList<TransitionEnvelope> Published => [.. _published];

    public Task PublishAsync(TransitionEnvelope envelope, CancellationToken cancellationToken)
    {
        _queue.Enqueue(envelope);
        _published.Enqueue(envelope);
        return Task.CompletedTask;
    }

    public bool TryTake(out TransitionEnvelope envelope) => _queue.TryDequeue(out envelope!);
}
