using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Queues;

/// <summary>The local lead-events queue (plural like <see cref="TransitionQueues"/>), created once on first use where the storage options allow it.</summary>
public sealed class LeadEventQueues : ProvisionedStorage
{
    public LeadEventQueues(QueueServiceClient service, IOptions<LeadEventQueueOptions> options, IOptions<LeadStorageOptions> storage)
        : base(storage?.Value.CreateIfMissing ?? throw new ArgumentNullException(nameof(storage)))
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        Client = service.GetQueueClient(options.Value.QueueName);
    }

    public QueueClient Client { get; }

    protected override async Task CreateAsync(CancellationToken cancellationToken)
        => await Client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
}
