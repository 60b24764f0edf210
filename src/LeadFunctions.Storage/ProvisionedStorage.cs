namespace LeadFunctions.Storage;

/// <summary>
/// Tables or queues created once, on first use, where the storage options allow it. A call that finds them missing
/// (deleted, or an emulator restarted empty) marks them for creation again on the next call.
/// </summary>
public abstract class ProvisionedStorage : IDisposable
{
    private readonly bool _createIfMissing;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    protected ProvisionedStorage(bool createIfMissing) => _createIfMissing = createIfMissing;

    /// <summary>Runs a storage call, mapping outages to "try again" and re-creating the resources next time if they went missing.</summary>
    public Task<T> MapOutagesAsync<T>(Func<Task<T>> call) => StorageFailures.MapOutagesAsync(call, Invalidate);

    public Task MapOutagesAsync(Func<Task> call) => StorageFailures.MapOutagesAsync(call, Invalidate);

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
                await StorageFailures.MapOutagesAsync(() => CreateAsync(cancellationToken));
                _ready = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates whatever is missing; called at most once at a time.</summary>
    protected abstract Task CreateAsync(CancellationToken cancellationToken);

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }
    }

    private void Invalidate() => _ready = false;
}
