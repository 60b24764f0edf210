using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace LeadFunctions.StorageProbe;

/// <summary>
/// Counts Table Storage HTTP requests by kind and table, and the entities each response returned (rows of a query
/// page, or 1 for a point read), by parsing the buffered response body.
/// </summary>
internal sealed class TableTraffic : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, Counter> _byKind = new(StringComparer.Ordinal);

    public bool Enabled { get; set; } = true;

    public int Requests => _byKind.Values.Sum(c => c.Requests);

    public int EntitiesRead => _byKind.Values.Sum(c => c.Entities);

    /// <summary>Request bodies sent (batches, inserts, upserts, queue messages): what the service stores or parses.</summary>
    public long BytesSent => _byKind.Values.Sum(c => c.BytesSent);

    public IReadOnlyDictionary<string, (int Requests, int Entities)> Snapshot()
        => _byKind.ToDictionary(kv => kv.Key, kv => (kv.Value.Requests, kv.Value.Entities), StringComparer.Ordinal);

    public void Reset() => _byKind.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Record(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Record(message);
    }

    private void Record(HttpMessage message)
    {
        if (!Enabled)
        {
            return;
        }

        var (kind, table) = Classify(message.Request);
        var entities = 0;
        if (message.Request.Method == RequestMethod.Get && message.HasResponse && message.Response.Status == 200)
        {
            entities = CountEntities(message.Response.Content);
        }

        var counter = _byKind.GetOrAdd($"{table} {kind}", _ => new Counter());
        Interlocked.Increment(ref counter.Requests);
        Interlocked.Add(ref counter.Entities, entities);
        if (message.Request.Content is { } content && content.TryComputeLength(out var length))
        {
            Interlocked.Add(ref counter.BytesSent, length);
        }
    }

    private static (string Kind, string Table) Classify(Request request)
    {
        var path = request.Uri.Path;
        if (path.EndsWith("/messages", StringComparison.Ordinal) || path.Contains("/messages/", StringComparison.Ordinal))
        {
            var verb = request.Method.Method switch
            {
                "POST" => "send",
                "GET" => "receive",
                "DELETE" => "delete",
                "PUT" => "update",
                var other => other,
            };
            return (verb, "Queue");
        }

        if (request.Method == RequestMethod.Put && !path.Contains('(', StringComparison.Ordinal) && !path.EndsWith("Tables", StringComparison.Ordinal))
        {
            return ("create-queue", "Queue");
        }

        var last = path[(path.LastIndexOf('/') + 1)..];
        var table = last.Split('(')[0];
        var method = request.Method.Method;
        if (last == "$batch")
        {
            return ("batch", BatchTable(request));
        }

        if (table == "Tables")
        {
            return ("create-table", "Tables");
        }

        var hasKey = last.Contains("PartitionKey=", StringComparison.Ordinal);
        var query = request.Uri.Query;
        var kind = method switch
        {
            "GET" when hasKey => "point-read",
            "GET" => query.Contains("NextPartitionKey", StringComparison.Ordinal) ? "query(next page)" : "query",
            "DELETE" => "delete",
            "PUT" => "upsert",
            "MERGE" or "PATCH" => "merge",
            "POST" => "insert",
            _ => method,
        };
        return (kind, StripSuffix(table));
    }

    /// <summary>Table names in this tool end in a run suffix (LeadsN1000x...); report the base name.</summary>
    private static string StripSuffix(string table)
    {
        foreach (var name in new[] { "Leads", "Due" })
        {
            if (table.StartsWith(name, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return table;
    }

    /// <summary>Which table a $batch writes to, from its body (the change set names the table in each operation's URL).</summary>
    private static string BatchTable(Request request)
    {
        if (request.Content is null)
        {
            return "(batch)";
        }

        using var buffer = new MemoryStream();
        request.Content.WriteTo(buffer, CancellationToken.None);
        var text = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var at = text.IndexOf("devstoreaccount1/", StringComparison.Ordinal);
        if (at < 0)
        {
            return "(batch)";
        }

        var name = text.AsSpan(at + "devstoreaccount1/".Length);
        var end = name.IndexOfAny("(?/ ".AsSpan());
        return StripSuffix((end < 0 ? name : name[..end]).ToString());
    }

    private static int CountEntities(BinaryData? content)
    {
        if (content is null || content.ToMemory().IsEmpty)
        {
            return 0;
        }

        try
        {
            using var json = JsonDocument.Parse(content.ToMemory());
            return json.RootElement.TryGetProperty("value", out var rows) && rows.ValueKind == JsonValueKind.Array ? rows.GetArrayLength() : 1;
        }
        catch (JsonException)
        {
            return 0;
        }
    }

    private sealed class Counter
    {
        public int Requests;
        public int Entities;
        public long BytesSent;
    }
}
