using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Queues;

/// <summary>The transition queue and its poison queue.</summary>
public sealed class TransitionQueues : QueueWithPoison
{
    public TransitionQueues(QueueServiceClient service, IOptions<TransitionQueueOptions> options, IOptions<LeadStorageOptions> storage)
        : base(service, Named(options).QueueName, Named(options).PoisonQueueName, storage)
    {
    }

    private static TransitionQueueOptions Named(IOptions<TransitionQueueOptions> options)
        => options?.Value ?? throw new ArgumentNullException(nameof(options));
}
