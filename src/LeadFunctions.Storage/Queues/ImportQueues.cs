using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Queues;

/// <summary>The local import queue and its poison queue.</summary>
public sealed class ImportQueues : QueueWithPoison
{
    public ImportQueues(QueueServiceClient service, IOptions<ImportQueueOptions> options, IOptions<LeadStorageOptions> storage)
        : base(service, Named(options).QueueName, Named(options).PoisonQueueName, storage)
    {
    }

    private static ImportQueueOptions Named(IOptions<ImportQueueOptions> options)
        => options?.Value ?? throw new ArgumentNullException(nameof(options));
}
