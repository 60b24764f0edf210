using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Queues;

/// <summary>The local lead-events queue (plural like <see cref="TransitionQueues"/>) and its poison queue, created on first use where the storage options allow it.</summary>
public sealed class LeadEventQueues : ProvisionedStorage
{
    public LeadEventQueues(QueueServiceClient service, IOptions<LeadEventQueueOptions> options, IOptions<LeadStorageOptions> storage)
        : base(storage?.Value.CreateIfMissing ?? throw new ArgumentNullException(nameof(storage)))
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        Main = service.GetQueueClient(options.Value.QueueName);
        Poison = service.GetQueueClient(options.Value.PoisonQueueName);
    }

    public QueueClient Main { get; }

    public QueueClient Poison { get; }

    protected override async Task CreateAsync(CancellationToken cancellationToken)
    {
        await Main.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
