using System.Collections.Immutable;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Storage.Routing;

/// <summary>
/// Availability and rotation rows in the Leads table's own "roster" partition (docs/table-design.md): a handful of
/// rows, read whole, apart from the hashed lead partitions so rep views and sweeps never see them. A rotation row is
/// replaced only at the ETag it was read at.
/// </summary>
internal sealed class TableRepRoster : IRepRoster
{
    internal const string Partition = "roster";
    private const string AvailabilityPrefix = "availability|";
    private const string RotationPrefix = "rotation|";

    private readonly TableProvisioner _tables;

    public TableRepRoster(TableProvisioner tables) => _tables = tables;

    public async Task<IReadOnlyDictionary<string, RepAvailability>> GetAvailabilityAsync(CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        return await _tables.MapOutagesAsync(async () =>
        {
            var result = new Dictionary<string, RepAvailability>(StringComparer.Ordinal);
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {AvailabilityPrefix} and RowKey lt {"availability}"}");
            await foreach (var row in _tables.Leads.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                var until = row.GetDateTimeOffset("Until");
                result[row.RowKey[AvailabilityPrefix.Length..]] = new RepAvailability(row.GetBoolean("Available") ?? true, until);
            }

            return (IReadOnlyDictionary<string, RepAvailability>)result;
        });
    }

    public async Task SetAvailabilityAsync(string repId, RepAvailability availability, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(availability);
        await _tables.EnsureCreatedAsync(cancellationToken);
        var row = new TableEntity(Partition, AvailabilityPrefix + repId)
        {
            ["Available"] = availability.Available,
            ["Until"] = availability.Until,
        };

        // Last writer wins: availability is a statement of fact ("I am out until Monday"), not an increment.
        await _tables.MapOutagesAsync(() => _tables.Leads.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken));
    }

    public async Task<StoredRotation> GetRotationAsync(string teamId, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        return await _tables.MapOutagesAsync(async () =>
        {
            var found = await _tables.Leads.GetEntityIfExistsAsync<TableEntity>(Partition, RotationPrefix + teamId, cancellationToken: cancellationToken);
            if (!found.HasValue || found.Value is null)
            {
                return new StoredRotation(RepRotation.Empty, null);
            }

            var row = found.Value;
            var passes = JsonSerializer.Deserialize<Dictionary<string, long>>(row.GetString("Passes") ?? "{}") ?? [];
            var counts = JsonSerializer.Deserialize<Dictionary<string, long>>(row.GetString("Counts") ?? "{}") ?? [];
            var recent = JsonSerializer.Deserialize<List<RecentPick>>(row.GetString("Recent") ?? "[]") ?? [];
            return new StoredRotation(
                new RepRotation
                {
                    Passes = passes.ToImmutableDictionary(StringComparer.Ordinal),
                    VirtualTime = row.GetInt64("VirtualTime") ?? 0,
                    Counts = counts.ToImmutableDictionary(StringComparer.Ordinal),
                    Recent = [.. recent],
                },
                row.ETag.ToString());
        });
    }

    public async Task<bool> TrySaveRotationAsync(string teamId, RepRotation rotation, string? etag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rotation);
        await _tables.EnsureCreatedAsync(cancellationToken);
        var row = new TableEntity(Partition, RotationPrefix + teamId)
        {
            ["Passes"] = JsonSerializer.Serialize(rotation.Passes),
            ["VirtualTime"] = rotation.VirtualTime,
            ["Counts"] = JsonSerializer.Serialize(rotation.Counts),
            ["Recent"] = JsonSerializer.Serialize(rotation.Recent),
        };
        try
        {
            await _tables.MapOutagesAsync(() => etag is null
                ? _tables.Leads.AddEntityAsync(row, cancellationToken)
                : _tables.Leads.UpdateEntityAsync(row, new ETag(etag), TableUpdateMode.Replace, cancellationToken));
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }
}
