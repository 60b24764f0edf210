using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Transitions;

namespace LeadFunctions.Storage.Queues;

/// <summary>Queues transition envelopes on an Azure Storage queue: the body is base64 of <see cref="TransitionJson"/>, as the Functions queue trigger expects.</summary>
public sealed class StorageQueueTransitionPublisher : ITransitionPublisher
{
    private readonly TransitionQueues _queues;

    public StorageQueueTransitionPublisher(TransitionQueues queues) => _queues = queues;

    public async Task PublishAsync(TransitionEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        await _queues.EnsureCreatedAsync(cancellationToken);
        var body = Convert.ToBase64String(TransitionJson.Serialize(envelope));
        await _queues.MapOutagesAsync(() => _queues.Main.SendMessageAsync(body, cancellationToken));
    }
}
