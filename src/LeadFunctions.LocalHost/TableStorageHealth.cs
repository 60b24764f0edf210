using Azure;
using Azure.Data.Tables;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Http;
using LeadFunctions.Storage;

namespace LeadFunctions.LocalHost;

/// <summary>Storage answers when the leads table can be queried (one empty page).</summary>
internal sealed class TableStorageHealth : IStorageHealth
{
    private readonly TableProvisioner _tables;

    public TableStorageHealth(TableProvisioner tables) => _tables = tables;

    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _tables.EnsureCreatedAsync(cancellationToken);
            await foreach (var _ in _tables.Leads.QueryAsync<TableEntity>("PartitionKey eq 'health'", maxPerPage: 1, cancellationToken: cancellationToken).AsPages())
            {
                break;
            }

            return true;
        }
        catch (Exception ex) when (ex is StoreUnavailableException or RequestFailedException or HttpRequestException)
        {
            return false;
        }
    }
}
