using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using LeadFunctions.Domain.Reports;
using LeadFunctions.Engine.Reports;
using LeadFunctions.Engine.Views;

namespace LeadFunctions.StorageProbe;

/// <summary>
/// Issue 16, item 3: the velocity report over N leads. Per N, fresh table: a few template leads go through the product's
/// own intake (whitepaper and contact-us, each with its own utm_source and utm_medium), their lead rows are read back raw
/// and cloned N times with a new lead id and one of 40 sources (entity-group batches of 100 per partition), so the table
/// holds N rows the product wrote. Then: the refresh pass (the one scan of every lead), and a request (one row read).
/// </summary>
internal static class VelocityScaling
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(string connection, IReadOnlyList<int> sizes, int refreshes, int requests)
    {
        var results = new List<string>();
        foreach (var n in sizes)
        {
            var run = Guid.NewGuid().ToString("N")[..6];
            using var engine = new Engine(connection, $"VelN{n}x{run}", Now.AddDays(-90));
            var seed = Stopwatch.StartNew();
            await SeedAsync(engine, n, run);
            var seeding = seed.Elapsed.TotalSeconds;
            Console.WriteLine($"N={n}: seeded in {seeding:F1} s ({n / seeding:F0} leads/s)");
            engine.Clock.SetUtcNow(Now);

            var refresher = engine.Get<VelocitySnapshotRefresher>();
            var refreshTimes = new List<double>();
            (int Requests, int Rows) refreshTraffic = default;
            long allocated = 0;
            for (var r = 0; r < refreshes; r++)
            {
                engine.Traffic.Reset();
                engine.Traffic.Enabled = true;
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                var report = await refresher.RefreshAsync(CancellationToken.None);
                refreshTimes.Add(watch.Elapsed.TotalMilliseconds);
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                refreshTraffic = (engine.Traffic.Requests, engine.Traffic.EntitiesRead);
                if (report.Leads != n)
                {
                    throw new InvalidOperationException($"The report counted {report.Leads} leads, not {n}.");
                }
            }

            var handler = engine.Get<VelocityReportHandler>();
            var requestTimes = new List<double>();
            var requestTraffic = 0;
            foreach (var cohort in Enumerable.Range(0, requests).Select(i => (CohortDimension?)(i % 2 == 0 ? CohortDimension.Source : null)))
            {
                engine.Traffic.Reset();
                var watch = Stopwatch.StartNew();
                var report = await handler.RunAsync(cohort, refresh: false, CancellationToken.None);
                requestTimes.Add(watch.Elapsed.TotalMilliseconds);
                requestTraffic = Math.Max(requestTraffic, engine.Traffic.Requests);
                if (report.Leads != n)
                {
                    throw new InvalidOperationException($"The stored report counted {report.Leads} leads, not {n}.");
                }
            }

            var stored = await engine.Get<IVelocitySnapshots>().ReadAsync(CohortDimension.Source, CancellationToken.None);
            var refreshMedian = Median(refreshTimes);
            var requestMedian = Median(requestTimes);
            Console.WriteLine($"N={n}: refresh {string.Join(" / ", refreshTimes.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms, requests {refreshTraffic.Requests}, rows read {refreshTraffic.Rows}, allocated {allocated / 1e6:F0} MB");
            Console.WriteLine($"N={n}: request median {requestMedian:F1} ms (max {requestTimes.Max():F1}) over {requests}, at most {requestTraffic} table request(s) each; {stored!.Cohorts!.Count} source cohorts");
            results.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"| {n:N0} | {refreshMedian:F0} ({string.Join(" / ", refreshTimes.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))}) | {refreshTraffic.Requests} | {refreshTraffic.Rows:N0} | {allocated / 1e6:F0} MB | {requestMedian:F1} | {requestTraffic} | {seeding:F1} s |"));
        }

        Console.WriteLine();
        Console.WriteLine("Velocity report over N leads (refresh: every dimension recomputed and stored; request: GET's handler, stored row)");
        Console.WriteLine();
        Console.WriteLine("| N | refresh ms, median (runs) | refresh requests | refresh rows read | refresh allocated | request ms, median | requests per request | seeding |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var line in results)
        {
            Console.WriteLine(line);
        }
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static async Task SeedAsync(Engine engine, int n, string run)
    {
        engine.Traffic.Enabled = false;
        string[] forms = ["whitepaper", "contact-us", "whitepaper", "pricing"];
        var templates = new List<TableEntity>();
        for (var t = 0; t < forms.Length; t++)
        {
            engine.Clock.SetUtcNow(Now.AddDays(-60 + (t * 15)));
            var fields = new Dictionary<string, string?>
            {
                ["email"] = $"template-{run}-{t}@example.com", ["firstName"] = "Ada", ["company"] = "Analytical Engines Ltd",
                ["jobTitle"] = "VP Engineering", ["country"] = "GB", ["employees"] = "250", ["consent"] = "true",
                ["utm_source"] = $"template{t}", ["utm_medium"] = t % 2 == 0 ? "cpc" : "email", ["submissionId"] = $"template-{run}-{t}",
            };
            var result = await engine.Intake.HandleAsync(forms[t], fields, null, CancellationToken.None);
            var table = engine.Get<TableServiceClient>().GetTableClient(engine.LeadsTable);
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {"lead|" + result.LeadId}")))
            {
                templates.Add(row);
            }
        }

        var client = engine.Get<TableServiceClient>().GetTableClient(engine.LeadsTable);
        var clones = Enumerable.Range(0, n - templates.Count).Select(i =>
        {
            var template = templates[i % templates.Count];
            var id = $"ldv{run}{i:D7}";
            var clone = new TableEntity(template) { RowKey = "lead|" + id };
            clone["State"] = template.GetString("State")
                .Replace(template.RowKey["lead|".Length..], id, StringComparison.Ordinal)
                .Replace($"\"source\":\"template{i % templates.Count}\"", $"\"source\":\"source-{i % 40:D2}\"", StringComparison.Ordinal);
            return clone;
        });
        var batches = clones.GroupBy(c => c.PartitionKey).SelectMany(p => p.Chunk(100));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
            await client.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct));
    }
}
