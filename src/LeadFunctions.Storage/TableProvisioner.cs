using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage;

/// <summary>The tables, created once on first use where the options allow it.</summary>
public sealed class TableProvisioner : ProvisionedStorage
{
    private readonly TableServiceClient _service;
    private readonly string _leadsTable;

    public TableProvisioner(TableServiceClient service, IOptions<LeadStorageOptions> options)
        : base(options?.Value.CreateIfMissing ?? throw new ArgumentNullException(nameof(options)))
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
        _leadsTable = options.Value.LeadsTable;
        Leads = service.GetTableClient(_leadsTable);
    }

    public TableClient Leads { get; }

    protected override Task CreateAsync(CancellationToken cancellationToken) => _service.CreateTableIfNotExistsAsync(_leadsTable, cancellationToken);
}
