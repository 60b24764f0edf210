using System.Diagnostics;
using System.Globalization;
using Azure.Data.Tables;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Engine.Identity;

namespace LeadFunctions.StorageProbe;

/// <summary>
/// disqualify-no-contact over N leads of which D are due: rows read and wall time per N. The D due leads are
/// written by the engine itself (SubmitFormHandler at a clock 40 days back); the N - D others are the exact rows
/// the product wrote for a template contact-us submission yesterday (read back raw and cloned with the e-mail, lead id
/// and submission id substituted), seeded in parallel with due-index batches of 100 per partition. Cloning raw rows keeps
/// the seeder independent of the store's API while the product changes.
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
            using var engine = new Engine(connection, $"LeadsN{n}x{run}", $"DueN{n}x{run}", Now.AddDays(-40));
            var seed = Stopwatch.StartNew();
            await SeedAsync(engine, n, due, run, seedParallelism);
            Console.WriteLine($"N={n}: seeded in {seed.Elapsed.TotalSeconds:F1} s ({n / seed.Elapsed.TotalSeconds:F0} leads/s)");

            // Dry runs read exactly what a real run reads (due pages + a lead read per entry) and change nothing: repeatable.
            var dry = new List<(double Ms, int Requests, int Entities, string Breakdown, int Changed)>();
            for (var r = 0; r < repeats; r++)
            {
                dry.Add(await SweepAsync(engine, dryRun: true));
            }

            var probe = await ProbeLatencyAsync(engine);
            Console.WriteLine($"N={n}: single-request latency, median of 20: due page read (100 rows) {probe.DuePageMs:F1} ms, lead point read {probe.PointReadMs:F1} ms, lead query (LoadForCommand) {probe.LoadMs:F1} ms");
            var real = await SweepAsync(engine, dryRun: false);
            var again = await SweepAsync(engine, dryRun: false);
            var median = dry.OrderBy(d => d.Ms).ElementAt(dry.Count / 2);
            Console.WriteLine($"N={n}: dry runs {string.Join(" / ", dry.Select(d => d.Ms.ToString("F0", CultureInfo.InvariantCulture)))} ms, rows read {median.Entities} ({median.Breakdown}), planned {median.Changed}");
            Console.WriteLine($"N={n}: real run {real.Ms:F0} ms, changed {real.Changed}, requests {real.Requests}, rows read {real.Entities} ({real.Breakdown})");
            Console.WriteLine($"N={n}: second run {again.Ms:F0} ms, changed {again.Changed}, rows read {again.Entities}");
            if (median.Changed != due || real.Changed != due || again.Changed != 0)
            {
                throw new InvalidOperationException($"Expected {due} due leads, got dry {median.Changed}, real {real.Changed}, again {again.Changed}.");
            }

            var dueRows = DueRows(real.Breakdown);
            results.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"| {n:N0} | {due} | {probe.DuePageMs:F1} / {probe.PointReadMs:F1} / {probe.LoadMs:F1} | {median.Ms:F0} | {median.Entities} ({(double)median.Entities / due:0.##} D) | {real.Ms:F0} | {real.Requests} ({(double)real.Requests / due:0.#} per due lead) | {real.Entities} ({(double)real.Entities / due:0.##} D; due-index rows {dueRows}) | {seed.Elapsed.TotalSeconds:F0} s |"));
        }

        Console.WriteLine();
        Console.WriteLine("disqualify-no-contact over N leads, D due (Sweeps:PageSize 100, Sweeps:Parallelism 4)");
        Console.WriteLine();
        Console.WriteLine("| N | D | ms per request: due page / lead point read / lead query | dry run, median ms | dry run rows read | real run ms | real run requests | real run rows read | seeding |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var line in results)
        {
            Console.WriteLine(line);
        }
    }

    private static string DueRows(string breakdown)
        => breakdown.Split(", ").Where(p => p.StartsWith("Due query", StringComparison.Ordinal)).Select(p => p.Split(' ')[^1]).FirstOrDefault() ?? "?";

    private static async Task<(double Ms, int Requests, int Entities, string Breakdown, int Changed)> SweepAsync(Engine engine, bool dryRun)
    {
        engine.Traffic.Reset();
        engine.Traffic.Enabled = true;
        var watch = Stopwatch.StartNew();
        var report = await engine.Sweeps.RunAsync(SweepKind.DisqualifyNoContact, Now, dryRun, CancellationToken.None);
        var ms = watch.Elapsed.TotalMilliseconds;
        var breakdown = string.Join(", ", engine.Traffic.Snapshot().OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => $"{kv.Key} {kv.Value.Requests} req/{kv.Value.Entities} rows"));
        return (ms, engine.Traffic.Requests, engine.Traffic.EntitiesRead, breakdown, report.Changed);
    }

    /// <summary>Where the time goes on this emulator: one due page, one lead point read, one lead+command query.</summary>
    private static async Task<(double DuePageMs, double PointReadMs, double LoadMs)> ProbeLatencyAsync(Engine engine)
    {
        engine.Traffic.Enabled = false;
        var page = await engine.DueIndex.ReadDueAsync(SweepKind.DisqualifyNoContact, Now, 100, null, CancellationToken.None);
        var leadId = page.Entries[0].Entry.LeadId;
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

        // A template non-due lead, written by the product's own intake yesterday (no-contact due in 29 days).
        engine.Clock.SetUtcNow(Now.AddDays(-1));
        var templateEmail = $"tpl-{run}@example.com";
        var templateSubmission = $"tpl-{run}";
        var templateLead = (await engine.SubmitAsync("contact-us", templateEmail, templateSubmission)).LeadId!;
        var tables = engine.Get<TableServiceClient>();
        var leads = tables.GetTableClient(engine.LeadsTable);
        var leadRows = await leads.QueryAsync<TableEntity>(e => e.PartitionKey == templateLead).ToListAsync();
        if (leadRows.Count == 0)
        {
            // Not one partition per lead (a layout this tool cannot clone without the store's internals): seed the
            // rest through the product's intake too, at the same instant, in parallel.
            Console.WriteLine($"Layout is not one partition per lead: seeding {n - due - 1} leads through SubmitFormHandler.");
            await Parallel.ForEachAsync(Enumerable.Range(0, n - due - 1), new ParallelOptions { MaxDegreeOfParallelism = parallelism }, async (i, _) =>
                await engine.SubmitAsync("contact-us", $"lead-{run}-{i}@example.com", $"seed-{run}-{i}"));
            engine.Clock.SetUtcNow(Now);
            return;
        }

        engine.Clock.SetUtcNow(Now);

        // The other N - D - 1: the template's rows exactly as the product wrote them, with the person's e-mail,
        // lead id and submission id substituted, so they are the rows the processor would write for those people.
        var dueTable = tables.GetTableClient(engine.DueTable);
        // Any due-table row that names the template lead (key or property), so the clone follows the layout whatever it is.
        var dueRows = (await dueTable.QueryAsync<TableEntity>().ToListAsync())
            .Where(e => e.PartitionKey.Contains(templateLead, StringComparison.Ordinal) || e.RowKey.Contains(templateLead, StringComparison.Ordinal)
                || e.Select(kv => kv.Value).OfType<string>().Any(v => v.Contains(templateLead, StringComparison.Ordinal))).ToList();
        if (leadRows.Count < 1 || dueRows.Count == 0)
        {
            throw new InvalidOperationException($"Template lead has {leadRows.Count} rows and {dueRows.Count} due entries.");
        }

        var identity = engine.Get<LeadIdentity>();
        var chunks = Enumerable.Range(0, n - due - 1).Chunk(100);
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism / 16) }, async (chunk, ct) =>
        {
            var entries = new List<TableEntity>(chunk.Length * dueRows.Count);
            await Parallel.ForEachAsync(chunk, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (i, ct2) =>
            {
                var email = $"lead-{run}-{i}@example.com";
                var leadId = identity.LeadIdFor(email);
                string Swap(string value) => value.Replace(templateLead, leadId, StringComparison.Ordinal)
                    .Replace(templateEmail, email, StringComparison.Ordinal)
                    .Replace(templateSubmission, $"seed-{run}-{i}", StringComparison.Ordinal);
                TableEntity Clone(TableEntity row)
                {
                    var copy = new TableEntity(Swap(row.PartitionKey), Swap(row.RowKey));
                    foreach (var (key, value) in row)
                    {
                        if (key is not ("PartitionKey" or "RowKey" or "odata.etag" or "Timestamp"))
                        {
                            copy[key] = value is string text ? Swap(text) : value;
                        }
                    }

                    return copy;
                }

                var batch = leadRows.Select(row => new TableTransactionAction(TableTransactionActionType.Add, Clone(row))).ToList();
                try
                {
                    await leads.SubmitTransactionAsync(batch, ct2);
                }
                catch (TableTransactionFailedException ex) when (ex.Status == 409)
                {
                    // A retry (after a client timeout on a busy emulator) of a batch that had landed: the rows are there.
                }
                lock (entries)
                {
                    entries.AddRange(dueRows.Select(Clone));
                }
            });

            // As TableDueIndex.AddAsync writes them: upserts, one batch per partition per 100 entries.
            await Task.WhenAll(entries.GroupBy(e => e.PartitionKey).SelectMany(g => g.Chunk(100)).Select(batch =>
                dueTable.SubmitTransactionAsync(batch.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct)));
        });
    }
}
