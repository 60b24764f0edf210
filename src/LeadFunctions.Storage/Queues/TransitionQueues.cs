using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Queues;

/// <summary>The transition queue and its poison queue, created once on first use where the storage options allow it.</summary>
public sealed class TransitionQueues : IDisposable
{
    private readonly bool _createIfMissing;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public TransitionQueues(QueueServiceClient service, IOptions<TransitionQueueOptions> options, IOptions<LeadStorageOptions> storage)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        Main = service.GetQueueClient(options.Value.QueueName);
        Poison = service.GetQueueClient(options.Value.PoisonQueueName);
        _createIfMissing = storage.Value.CreateIfMissing;
    }

    public QueueClient Main { get; }

    public QueueClient Poison { get; }

    /// <summary>Runs a queue call, mapping outages to "try again" and re-creating the queues next time if they went missing.</summary>
    public Task<T> Guard<T>(Func<Task<T>> call) => StorageFailures.Guard(call, Invalidate);

    public Task Guard(Func<Task> call) => StorageFailures.Guard(call, Invalidate);

    public async ValueTask EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_ready || !_createIfMissing)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await StorageFailures.Guard(async () =>
                {
                    await Main.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                    await Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                });
                _ready = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private void Invalidate() => _ready = false;
}
