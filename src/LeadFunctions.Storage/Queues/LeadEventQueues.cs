using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Queues;

/// <summary>The local lead-events queue (the relay writes it, the webhook consumer reads it) and its poison queue.</summary>
public sealed class LeadEventQueues : QueueWithPoison
{
    public LeadEventQueues(QueueServiceClient service, IOptions<LeadEventQueueOptions> options, IOptions<LeadStorageOptions> storage)
        : base(service, Named(options).QueueName, Named(options).PoisonQueueName, storage)
    {
    }

    private static LeadEventQueueOptions Named(IOptions<LeadEventQueueOptions> options)
        => options?.Value ?? throw new ArgumentNullException(nameof(options));
}
