using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace LeadFunctions.Functions.Tests.Telemetry;

/// <summary>
/// Stands in for the Application Insights ingestion endpoint on the exporter's own HTTP pipeline: it keeps what the
/// exporter sends (gzipped newline-delimited envelopes) and accepts it, so nothing leaves the process.
/// </summary>
public sealed class IngestionRecorder : HttpMessageHandler
{
    private readonly List<(Uri Uri, string? Authorization, IReadOnlyList<JsonObject> Envelopes)> _requests = [];

    public IReadOnlyList<(Uri Uri, string? Authorization, IReadOnlyList<JsonObject> Envelopes)> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Every envelope of one telemetry type ("Metric", "Message", ...) sent so far.</summary>
    public IEnumerable<JsonObject> Envelopes(string baseType)
        => Requests.SelectMany(r => r.Envelopes).Where(e => e["data"]?["baseType"]?.GetValue<string>() == baseType + "Data");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        if (request.Content?.Headers.ContentEncoding.Contains("gzip") == true)
        {
            using var unzipped = new MemoryStream();
            await using (var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress))
            {
                await gzip.CopyToAsync(unzipped, cancellationToken);
            }

            body = unzipped.ToArray();
        }

        var envelopes = Encoding.UTF8.GetString(body)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .ToList();
        lock (_requests)
        {
            _requests.Add((request.RequestUri!, request.Headers.Authorization?.ToString(), envelopes));
        }

        var accepted = $$"""{"itemsReceived":{{envelopes.Count}},"itemsAccepted":{{envelopes.Count}},"errors":[]}""";
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(accepted, Encoding.UTF8, "application/json") };
    }
}
