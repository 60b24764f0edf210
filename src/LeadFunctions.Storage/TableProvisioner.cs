using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage;

/// <summary>The tables, created once on first use where the options allow it.</summary>
public sealed class TableProvisioner : IDisposable
{
    private readonly TableServiceClient _service;
    private readonly LeadStorageOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public TableProvisioner(TableServiceClient service, IOptions<LeadStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _service = service;
        _options = options.Value;
        Leads = service.GetTableClient(_options.LeadsTable);
    }

    public TableClient Leads { get; }

    /// <summary>Runs a storage call, mapping outages to "try again" and re-creating the table next time if it went missing.</summary>
    public Task<T> Guard<T>(Func<Task<T>> call) => StorageFailures.Guard(call, Invalidate);

    public Task Guard(Func<Task> call) => StorageFailures.Guard(call, Invalidate);

    public async ValueTask EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_ready || !_options.CreateIfMissing)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await StorageFailures.Guard(() => _service.CreateTableIfNotExistsAsync(_options.LeadsTable, cancellationToken));
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
