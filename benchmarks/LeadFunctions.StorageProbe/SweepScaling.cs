using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Engine.Identity;

namespace LeadFunctions.StorageProbe;

/// <summary>
/// disqualify-no-contact over N leads of which D are due: requests, rows read and wall time per N, for the sweep (which
/// queues one command per due lead) and for the local queue consumer that applies them. Every lead is
/// written by the product's own intake (SubmitFormHandler): the D due ones at a clock 40 days back, the N - D others
/// yesterday (no-contact due in 29 days), so the table holds exactly the rows the product writes.
/// </summary>
internal static class SweepScaling
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(string connection, IReadOnlyList<int> sizes, int due, int repeats, int seedParallelism)
    {
        var results = new List<string>();
        foreach (var n in sizes)
        {
            var run = Guid.NewGuid().ToString("N")[..6];
            using var engine = new Engine(connection, $"LeadsN{n}x{run}", Now.AddDays(-40));
            var seed = Stopwatch.StartNew();
            await SeedAsync(engine, n, due, run, seedParallelism);
            Console.WriteLine($"N={n}: seeded in {seed.Elapsed.TotalSeconds:F1} s ({n / seed.Elapsed.TotalSeconds:F0} leads/s)");

            // Dry runs read exactly what a real run reads (the due pages and each due lead) and change nothing: repeatable.
            var dry = new List<(double Ms, int Requests, int Entities, string Breakdown, int Changed, int Queued)>();
            for (var r = 0; r < repeats; r++)
            {
                dry.Add(await SweepAsync(engine, dryRun: true));
            }

            var probe = await ProbeLatencyAsync(engine);
            Console.WriteLine($"N={n}: single-request latency, median of 20: due page read (100 rows) {probe.DuePageMs:F1} ms, lead point read {probe.PointReadMs:F1} ms, lead query (LoadForCommand) {probe.LoadMs:F1} ms");
            var real = await SweepAsync(engine, dryRun: false);
            var consumer = await DrainAsync(engine);
            var again = await SweepAsync(engine, dryRun: false);
            var median = dry.OrderBy(d => d.Ms).ElementAt(dry.Count / 2);
            Console.WriteLine($"N={n}: dry runs {string.Join(" / ", dry.Select(d => d.Ms.ToString("F0", CultureInfo.InvariantCulture)))} ms, rows read {median.Entities} ({median.Breakdown}), planned {median.Changed}");
            Console.WriteLine($"N={n}: real run {real.Ms:F0} ms, queued {real.Queued}, requests {real.Requests}, rows read {real.Entities} ({real.Breakdown})");
            Console.WriteLine($"N={n}: queue consumer {consumer.Ms:F0} ms, {consumer.Handled} messages, requests {consumer.Requests}, rows read {consumer.Entities} ({consumer.Breakdown})");
            Console.WriteLine($"N={n}: second run {again.Ms:F0} ms, queued {again.Queued}, rows read {again.Entities}");
            if (median.Changed != due || real.Queued != due || consumer.Handled != due || again.Queued != 0)
            {
                throw new InvalidOperationException($"Expected {due} due leads, got dry {median.Changed}, queued {real.Queued}, consumed {consumer.Handled}, again {again.Queued}.");
            }

            results.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"| {n:N0} | {due} | {probe.DuePageMs:F1} / {probe.PointReadMs:F1} / {probe.LoadMs:F1} | {median.Ms:F0} | {median.Entities} ({(double)median.Entities / due:0.##} D) | {real.Ms:F0} | {real.Requests} | {consumer.Ms:F0} | {consumer.Requests} | {(double)(real.Requests + consumer.Requests) / due:0.##} | {real.Entities + consumer.Entities} ({(double)(real.Entities + consumer.Entities) / due:0.##} D) | {seed.Elapsed.TotalSeconds:F0} s |"));
        }

        Console.WriteLine();
        Console.WriteLine("disqualify-no-contact over N leads, D due (Sweeps:PageSize 100, Sweeps:Parallelism 4)");
        Console.WriteLine();
        Console.WriteLine("| N | D | ms per request: due page / lead point read / lead query | dry run, median ms | dry run rows read | sweep ms | sweep requests (table + queue) | consumer ms | consumer requests (table + queue) | requests per due lead, sweep + consumer | rows read, sweep + consumer | seeding |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var line in results)
        {
            Console.WriteLine(line);
        }
    }

    private static async Task<(double Ms, int Requests, int Entities, string Breakdown, int Handled)> DrainAsync(Engine engine)
    {
        engine.Traffic.Reset();
        engine.Traffic.Enabled = true;
        var watch = Stopwatch.StartNew();
        var handled = await engine.DrainQueueAsync();
        var ms = watch.Elapsed.TotalMilliseconds;
        return (ms, engine.Traffic.Requests, engine.Traffic.EntitiesRead, Breakdown(engine), handled);
    }

    private static string Breakdown(Engine engine) => string.Join(", ", engine.Traffic.Snapshot().OrderBy(kv => kv.Key, StringComparer.Ordinal)
        .Select(kv => $"{kv.Key} {kv.Value.Requests} req/{kv.Value.Entities} rows"));

    private static async Task<(double Ms, int Requests, int Entities, string Breakdown, int Changed, int Queued)> SweepAsync(Engine engine, bool dryRun)
    {
        engine.Traffic.Reset();
        engine.Traffic.Enabled = true;
        var watch = Stopwatch.StartNew();
        var report = await engine.Sweeps.RunAsync(SweepKind.DisqualifyNoContact, Now, dryRun, CancellationToken.None);
        var ms = watch.Elapsed.TotalMilliseconds;
        return (ms, engine.Traffic.Requests, engine.Traffic.EntitiesRead, Breakdown(engine), report.Changed, report.Queued);
    }

    /// <summary>Where the time goes on this emulator: one due page, one lead point read, one lead+command query.</summary>
    private static async Task<(double DuePageMs, double PointReadMs, double LoadMs)> ProbeLatencyAsync(Engine engine)
    {
        engine.Traffic.Enabled = false;
        var page = await engine.DueIndex.ReadDueAsync(SweepKind.DisqualifyNoContact, Now, 100, null, CancellationToken.None);
        var leadId = page.Entries[0].LeadId;
        var duePage = new List<double>();
        var point = new List<double>();
        var load = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var watch = Stopwatch.StartNew();
            await engine.DueIndex.ReadDueAsync(SweepKind.DisqualifyNoContact, Now, 100, null, CancellationToken.None);
            duePage.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await engine.Store.GetAsync(leadId, CancellationToken.None);
            point.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await engine.Store.LoadForCommandAsync(leadId, "probe", CancellationToken.None);
            load.Add(watch.Elapsed.TotalMilliseconds);
        }

        engine.Traffic.Enabled = true;
        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        return (Median(duePage), Median(point), Median(load));
    }

    private static async Task SeedAsync(Engine engine, int n, int due, string run, int parallelism)
    {
        engine.Traffic.Enabled = false;

        // The due leads: through the product's own intake, 40 days ago (no-contact due 10 days ago).
        engine.Clock.SetUtcNow(Now.AddDays(-40));
        await Parallel.ForEachAsync(Enumerable.Range(0, due), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            await engine.SubmitAsync("contact-us", $"due-{run}-{i}@example.com", $"due-{run}-{i}"));

        // The others: yesterday, so nothing is due for 29 days.
        engine.Clock.SetUtcNow(Now.AddDays(-1));
        await Parallel.ForEachAsync(Enumerable.Range(0, n - due), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
            await engine.SubmitAsync("contact-us", $"lead-{run}-{i}@example.com", $"seed-{run}-{i}"));
        engine.Clock.SetUtcNow(Now);
    }
}
