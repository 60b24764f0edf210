using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Deliveries;

/// <summary>The Deliveries table, created on first use where the storage options allow it (locally; infra creates it in Azure).</summary>
public sealed class DeliveryTables : ProvisionedStorage
{
    private readonly TableServiceClient _service;
    private readonly string _name;

    public DeliveryTables(TableServiceClient service, IOptions<DeliveryTableOptions> options, IOptions<LeadStorageOptions> storage)
        : base(storage?.Value.CreateIfMissing ?? throw new ArgumentNullException(nameof(storage)))
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _service = service;
        _name = options.Value.DeliveriesTable;
        Deliveries = service.GetTableClient(_name);
    }

    public TableClient Deliveries { get; }

    protected override Task CreateAsync(CancellationToken cancellationToken) => _service.CreateTableIfNotExistsAsync(_name, cancellationToken);
}
