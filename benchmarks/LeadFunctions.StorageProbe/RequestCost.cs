using System.Globalization;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Processing;

namespace LeadFunctions.StorageProbe;

/// <summary>Table Storage requests per engine operation, averaged over samples, with the breakdown by request kind.</summary>
internal static class RequestCost
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static async Task RunAsync(string connection, int samples)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        using var engine = new Engine(connection, "LeadsCost" + run, Now);

        // Creates the tables (first use) so that no measured operation pays for it.
        await engine.SubmitAsync("contact-us", $"warmup-{run}@example.com", "warmup-" + run);

        var rows = new List<(string Operation, double Requests, double Entities, double Bytes, string Breakdown)>();
        var sequence = 0;
        string Next() => $"{run}-{Interlocked.Increment(ref sequence)}";

        // Leads prepared outside the measurement: SQL/New (action form) and MQL/Nurturing (informational form).
        var sqlNew = new List<(string LeadId, string SubmissionId)>();
        var mql = new List<string>();
        var mqlEmails = new List<string>();

        rows.Add(await MeasureAsync(engine, "new-lead submission (action form -> SQL/New)", samples, async () =>
        {
            var id = Next();
            var result = await engine.SubmitAsync("contact-us", $"sql-{id}@example.com", "s-" + id);
            sqlNew.Add((result.LeadId!, "s-" + id));
        }));
        rows.Add(await MeasureAsync(engine, "new-lead submission (informational -> MQL)", samples, async () =>
        {
            var id = Next();
            mql.Add((await engine.SubmitAsync("whitepaper", $"mql-{id}@example.com", "s-" + id)).LeadId!);
            mqlEmails.Add($"mql-{id}@example.com");
        }));

        var i = 0;
        rows.Add(await MeasureAsync(engine, "repeated submission (same submissionId)", samples, async () =>
        {
            var (leadId, submissionId) = sqlNew[i++ % sqlNew.Count];
            await engine.SubmitAsync("contact-us", $"sql-{submissionId[2..]}@example.com", submissionId);
        }));

        i = 0;
        rows.Add(await MeasureAsync(engine, "known-lead submission (new submissionId, MQL -> SQL)", samples, async () =>
            await engine.SubmitAsync("pricing", mqlEmails[i++ % mqlEmails.Count], "s-" + Next())));

        i = 0;
        var contactIds = new List<(string LeadId, string CommandId)>();
        rows.Add(await MeasureAsync(engine, "applied transition: ContactMade (SQL/New -> Connected)", samples, async () =>
        {
            var (leadId, _) = sqlNew[i++ % sqlNew.Count];
            var commandId = "evt:" + Next();
            await ExpectAsync(engine, leadId, TransitionType.ContactMade, OutcomeKind.Applied, commandId);
            contactIds.Add((leadId, commandId));
        }));

        i = 0;
        rows.Add(await MeasureAsync(engine, "applied transition: ActivityRecorded (MQL, +5 points)", samples, async () =>
            await ExpectAsync(engine, mql[i++ % mql.Count], TransitionType.ActivityRecorded, OutcomeKind.Applied, "evt:" + Next(), new TransitionData { Points = 5 })));

        i = 0;
        rows.Add(await MeasureAsync(engine, "applied transition: MeetingScheduled (Connected -> Opportunity)", samples, async () =>
            await ExpectAsync(engine, contactIds[i++ % contactIds.Count].LeadId, TransitionType.MeetingScheduled, OutcomeKind.Applied, "evt:" + Next())));

        i = 0;
        rows.Add(await MeasureAsync(engine, "repeated transition (same command id)", samples, async () =>
        {
            var (leadId, commandId) = contactIds[i++ % contactIds.Count];
            await ExpectAsync(engine, leadId, TransitionType.ContactMade, OutcomeKind.Duplicate, commandId);
        }));

        i = 0;
        rows.Add(await MeasureAsync(engine, "refused transition (DealWon on a non-deal lead, recorded)", samples, async () =>
            await ExpectAsync(engine, mql[i++ % mql.Count], TransitionType.DealWon, OutcomeKind.Rejected, "evt:" + Next())));

        Console.WriteLine();
        Console.WriteLine($"Table Storage requests per operation (mean of {samples} samples each; goal: 1 per new-lead submission, repeated submission and applied transition)");
        Console.WriteLine();
        Console.WriteLine("| operation | requests | entities read | bytes sent | breakdown (mean per operation) |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var (operation, requests, entities, bytes, breakdown) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {operation} | {requests:0.##} | {entities:0.##} | {bytes:N0} | {breakdown} |"));
        }
    }

    private static async Task ExpectAsync(Engine engine, string leadId, TransitionType type, OutcomeKind expected, string commandId, TransitionData? data = null)
    {
        var command = new TransitionCommand(commandId, type, engine.Clock.GetUtcNow(), "rep-1", Data: data);
        var outcome = await engine.Processor.ProcessAsync(leadId, command, CancellationToken.None);
        if (outcome.Kind != expected)
        {
            throw new InvalidOperationException($"{type} on {leadId}: expected {expected}, got {outcome.Kind?.ToString() ?? "unknown lead"}.");
        }
    }

    private static async Task<(string, double, double, double, string)> MeasureAsync(Engine engine, string operation, int samples, Func<Task> action)
    {
        engine.Traffic.Reset();
        for (var s = 0; s < samples; s++)
        {
            engine.Clock.Advance(TimeSpan.FromMinutes(1));
            await action();
        }

        var snapshot = engine.Traffic.Snapshot();
        var breakdown = string.Join(", ", snapshot.OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {(double)kv.Value.Requests / samples:0.##}")));
        return (operation, (double)engine.Traffic.Requests / samples, (double)engine.Traffic.EntitiesRead / samples, (double)engine.Traffic.BytesSent / samples, breakdown);
    }
}
