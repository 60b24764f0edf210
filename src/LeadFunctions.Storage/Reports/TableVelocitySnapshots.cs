using System.IO.Compression;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using LeadFunctions.Domain.Reports;
using LeadFunctions.Engine.Reports;

namespace LeadFunctions.Storage.Reports;

/// <summary>
/// The stored velocity reports: one row per cohort dimension in the Leads table's own "reports" partition, apart from
/// the hashed lead partitions so lead queries and sweeps never see them. The report's JSON is gzipped and split over
/// binary properties of at most 60 KB (Table Storage allows 64 KiB per property and 1 MiB per row).
/// </summary>
internal sealed class TableVelocitySnapshots : IVelocitySnapshots
{
    internal const string Partition = "reports";
    private const string RowPrefix = "velocity|";
    private const int PartBytes = 60_000;
    private const int MaxParts = 15;

    private readonly TableProvisioner _tables;

    public TableVelocitySnapshots(TableProvisioner tables) => _tables = tables;

    internal static string RowKeyOf(CohortDimension? cohort) => RowPrefix + (cohort?.ToString().ToLowerInvariant() ?? "all");

    public async Task<VelocityReport?> ReadAsync(CohortDimension? cohort, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        var row = await _tables.MapOutagesAsync(async () =>
        {
            var response = await _tables.Leads.GetEntityIfExistsAsync<TableEntity>(Partition, RowKeyOf(cohort), cancellationToken: cancellationToken);
            return response.HasValue ? response.Value : null;
        });
        if (row is null)
        {
            return null;
        }

        using var packed = new MemoryStream();
        for (var i = 0; i < (row.GetInt32("Parts") ?? 0); i++)
        {
            var part = row.GetBinary("Part" + i) ?? throw new InvalidDataException($"Stored velocity report {row.RowKey} lacks part {i}.");
            packed.Write(part);
        }

        packed.Position = 0;
        await using var json = new GZipStream(packed, CompressionMode.Decompress);
        return await JsonSerializer.DeserializeAsync(json, VelocityReportJsonContext.Default.VelocityReport, cancellationToken);
    }

    public async Task WriteAsync(CohortDimension? cohort, VelocityReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        await _tables.EnsureCreatedAsync(cancellationToken);
        using var packed = new MemoryStream();
        await using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await JsonSerializer.SerializeAsync(gzip, report, VelocityReportJsonContext.Default.VelocityReport, cancellationToken);
        }

        var bytes = packed.ToArray();
        var parts = (bytes.Length + PartBytes - 1) / PartBytes;
        if (parts > MaxParts)
        {
            throw new InvalidOperationException($"The velocity report ({bytes.Length} bytes gzipped) is too large for one row; lower Velocity.MaxCohorts.");
        }

        var row = new TableEntity(Partition, RowKeyOf(cohort))
        {
            ["AsOf"] = report.AsOf,
            ["Leads"] = report.Leads,
            ["Parts"] = parts,
        };
        for (var i = 0; i < parts; i++)
        {
            row["Part" + i] = bytes.AsSpan(i * PartBytes, Math.Min(PartBytes, bytes.Length - (i * PartBytes))).ToArray();
        }

        // Replace, not merge: a smaller report must not keep the previous one's extra parts.
        await _tables.MapOutagesAsync(() => _tables.Leads.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken));
    }
}
