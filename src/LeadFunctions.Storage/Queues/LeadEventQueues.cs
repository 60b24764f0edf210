using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Queues;

/// <summary>The local lead-events queue (the relay writes it, the webhook consumer reads it) and its poison queue.</summary>
public sealed class LeadEventQueues : QueueWithPoison
{
    private TaskCompletionSource _arrival = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LeadEventQueues(QueueServiceClient service, IOptions<LeadEventQueueOptions> options, IOptions<LeadStorageOptions> storage)
        : base(service, Named(options).QueueName, Named(options).PoisonQueueName, storage)
    {
    }

    /// <summary>
    /// Completes when this process next sends events to the queue, so its own consumer wakes at once instead of at its
    /// next poll. Take it before looking at the queue: an arrival in between then still counts.
    /// </summary>
    public Task NextArrival => Volatile.Read(ref _arrival).Task;

    public void AnnounceArrival() => Interlocked.Exchange(ref _arrival, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private static LeadEventQueueOptions Named(IOptions<LeadEventQueueOptions> options)
        => options?.Value ?? throw new ArgumentNullException(nameof(options));
}
