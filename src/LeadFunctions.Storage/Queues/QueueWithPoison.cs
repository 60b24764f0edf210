using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Queues;

/// <summary>A local queue and the poison queue its consumer parks failing messages in, created once on first use where the storage options allow it.</summary>
public abstract class QueueWithPoison : ProvisionedStorage
{
    protected QueueWithPoison(QueueServiceClient service, string queueName, string poisonQueueName, IOptions<LeadStorageOptions> storage)
        : base(storage?.Value.CreateIfMissing ?? throw new ArgumentNullException(nameof(storage)))
    {
        ArgumentNullException.ThrowIfNull(service);
        Main = service.GetQueueClient(queueName);
        Poison = service.GetQueueClient(poisonQueueName);
    }

    public QueueClient Main { get; }

    public QueueClient Poison { get; }

    protected override async Task CreateAsync(CancellationToken cancellationToken)
    {
        await Main.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
