using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Processing;
using LeadFunctions.Engine.Sweeps;
using LeadFunctions.Engine.Telemetry;
using LeadFunctions.Engine.Views;
using LeadFunctions.Storage.Leads;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Tests;

public sealed class SweepTests : IDisposable
{
    private readonly StorageHarness _harness = new();

    [Fact]
    public async Task Disqualify_no_contact_reads_only_the_due_leads_and_spares_contacted_ones()
    {
        var quiet = await SeedAsync("newsletter", 120, "quiet");
        var sqls = await SeedAsync("pricing", 20, "sql");
        await _harness.ApplyAsync(sqls[0], TransitionType.ContactMade);
        _harness.Clock.Advance(TimeSpan.FromDays(31));

        var report = await _harness.SweepAndApplyAsync(SweepKind.DisqualifyNoContact);

        Assert.Equal(19, report.Examined);
        Assert.Equal(19, report.Queued);
        Assert.Equal(LeadStatus.Connected, (await LeadAsync(sqls[0])).Status);
        foreach (var id in sqls.Skip(1))
        {
            var lead = await LeadAsync(id);
            Assert.Equal(LeadStatus.Disqualified, lead.Status);
            Assert.Equal(Team.Marketing, lead.OwnerTeam);
        }

        Assert.Equal(LeadStatus.Nurturing, (await LeadAsync(quiet[0])).Status);
        var again = await _harness.Sweeps.RunAsync(SweepKind.DisqualifyNoContact, null, dryRun: false, CancellationToken.None);
        Assert.Equal(0, again.Examined);
    }

    [Fact]
    public async Task A_sweep_costs_one_range_read_per_partition_plus_one_read_per_due_lead_and_the_consumer_a_transition_each()
    {
        await SeedAsync("newsletter", 40, "idle");
        await SeedAsync("pricing", 20, "cost");
        _harness.Clock.Advance(TimeSpan.FromDays(31));
        using var fresh = _harness.SecondInstance();
        fresh.Clock.SetUtcNow(_harness.Clock.GetUtcNow());
        await fresh.Get<TableProvisioner>().EnsureCreatedAsync(CancellationToken.None);

        fresh.Requests.Reset();
        var report = await fresh.Sweeps.RunAsync(SweepKind.DisqualifyNoContact, null, dryRun: false, CancellationToken.None);
        var sweepRequests = fresh.Requests.Count;
        fresh.Requests.Reset();
        var handled = await fresh.DrainQueueAsync();

        Assert.Equal(20, report.Queued);
        // Per partition one keys-only read to count what is due (the run's total) and one to page through it; per due
        // lead one read; and the run's progress row written at its start and its end.
        Assert.Equal(64 + 64 + 20 + 2, sweepRequests);
        Assert.Equal(20, handled);
        // Per command: the lead row and the command row read by key, and one transaction (its events leave the outbox later, in bulk).
        Assert.Equal(20 * 3, fresh.Requests.Count);
    }

    [Fact]
    public async Task The_latest_run_of_each_sweep_is_kept_with_done_of_total_apart_from_the_leads()
    {
        var sqls = await SeedAsync("pricing", 12, "run");
        _harness.Clock.Advance(TimeSpan.FromDays(31));

        var report = await _harness.SweepAndApplyAsync(SweepKind.DisqualifyNoContact);
        var dry = await _harness.Sweeps.RunAsync(SweepKind.RecycleDark, null, dryRun: true, CancellationToken.None);

        var dryAlso = await _harness.Sweeps.RunAsync(SweepKind.DisqualifyNoContact, null, dryRun: true, CancellationToken.None);
        var runs = (await _harness.Get<ISweepRuns>().ListAsync(CancellationToken.None)).ToDictionary(r => (r.Sweep, r.DryRun));
        var run = runs[("disqualify-no-contact", false)];
        Assert.Equal((SweepRunState.Completed, 12, 12, 12, false), (run.State, run.Total, run.Done, run.Queued, run.DryRun));
        Assert.Equal(report.RunId, run.RunId);
        Assert.Equal(_harness.Clock.GetUtcNow(), run.FinishedAt);
        Assert.Equal((SweepRunState.Completed, dry.RunId), (runs[("recycle-dark", true)].State, runs[("recycle-dark", true)].RunId));
        Assert.Equal(dryAlso.RunId, runs[("disqualify-no-contact", true)].RunId); // a preview keeps its own row
        Assert.Equal(3, runs.Count);

        var again = await _harness.Sweeps.RunAsync(SweepKind.DisqualifyNoContact, null, dryRun: false, CancellationToken.None);
        var latest = Assert.Single(await _harness.Get<ISweepRuns>().ListAsync(CancellationToken.None), r => r.Sweep == "disqualify-no-contact" && !r.DryRun);
        Assert.Equal((again.RunId, 0, 0), (latest.RunId, latest.Total, latest.Done));

        // The sweep-runs partition is not a lead partition: rep views and the sweeps never read it.
        Assert.Equal(sqls.Count, await _harness.Get<ILeadQueries>().CountAsync(new LeadFilter(), CancellationToken.None));
    }

    [Fact]
    public async Task Every_write_leaves_exactly_the_due_rows_its_lead_lists()
    {
        var id = (await SeedAsync("whitepaper", 1, "copy"))[0];
        await _harness.ApplyAsync(id, TransitionType.ActivityRecorded, new TransitionData { Points = 5 });
        await _harness.ApplyAsync(id, TransitionType.ActivityRecorded, new TransitionData { Points = 1 });

        var stored = (await _harness.Store.GetAsync(id, CancellationToken.None))!;
        var rows = new List<DueEntry>();
        foreach (var sweep in Enum.GetValues<SweepKind>())
        {
            var page = await _harness.DueIndex.ReadDueAsync(sweep, _harness.Clock.GetUtcNow().AddYears(2), 100, null, CancellationToken.None);
            rows.AddRange(page.Entries.Where(e => e.LeadId == id));
        }

        Assert.NotEmpty(rows);
        Assert.Equal(stored.Due.Order(), rows.Order());
    }

    [Fact]
    public async Task A_sweep_command_queued_before_a_rep_change_never_overwrites_it()
    {
        var id = (await SeedAsync("pricing", 1, "race"))[0];
        _harness.Clock.Advance(TimeSpan.FromDays(31));
        var report = await _harness.Sweeps.RunAsync(SweepKind.DisqualifyNoContact, null, dryRun: false, CancellationToken.None);
        await _harness.ApplyAsync(id, TransitionType.ContactMade);

        using var other = _harness.SecondInstance();
        var handled = await other.DrainQueueAsync();

        Assert.Equal((1, 1), (report.Queued, handled));
        var lead = await LeadAsync(id);
        Assert.Equal(LeadStatus.Connected, lead.Status);
        var history = await _harness.Store.GetHistoryAsync(id, CancellationToken.None);
        Assert.Contains(history, h => h.Type == TransitionType.ContactMade && h.Outcome == OutcomeKind.Applied);
        Assert.Contains(history, h => h.Type == TransitionType.NoContactTimeout && h.Outcome == OutcomeKind.Rejected);
    }

    [Fact]
    public async Task A_due_row_an_older_version_wrote_with_a_copy_is_swept_by_reading_its_lead()
    {
        var id = (await SeedAsync("pricing", 1, "old"))[0];
        _harness.Clock.Advance(TimeSpan.FromDays(31));
        var entry = Assert.Single(await _harness.DueIndex.ReadAllDueAsync(SweepKind.DisqualifyNoContact, _harness.Clock.GetUtcNow()));
        await _harness.Get<TableProvisioner>().Leads.UpsertEntityAsync(
            new Azure.Data.Tables.TableEntity(LeadKeys.PartitionOf(id), LeadKeys.Due(entry)) { ["State"] = "{\"stale\":true}", ["Due"] = "stale" },
            Azure.Data.Tables.TableUpdateMode.Replace);

        var report = await _harness.SweepAndApplyAsync(SweepKind.DisqualifyNoContact);

        Assert.Equal(1, report.Queued);
        Assert.Equal(LeadStatus.Disqualified, (await LeadAsync(id)).Status);
    }

    [Fact]
    public async Task An_entry_its_lead_lists_is_dropped_only_through_the_leads_own_version()
    {
        var id = (await SeedAsync("pricing", 1, "keep"))[0];
        _harness.Clock.Advance(TimeSpan.FromDays(31));
        var asOf = _harness.Clock.GetUtcNow();
        var entry = Assert.Single(await _harness.DueIndex.ReadAllDueAsync(SweepKind.DisqualifyNoContact, asOf));
        var stale = (await _harness.Store.GetAsync(id, CancellationToken.None))!;
        Assert.True(await _harness.Store.RescheduleAsync(stale, stale.Due, CancellationToken.None)); // the lead moves on

        var without = stale.Due.Where(d => d != entry).ToList();
        Assert.False(await _harness.Store.RescheduleAsync(stale, without, CancellationToken.None));
        Assert.Equal([entry], await _harness.DueIndex.ReadAllDueAsync(SweepKind.DisqualifyNoContact, asOf));

        var current = (await _harness.Store.GetAsync(id, CancellationToken.None))!;
        Assert.True(await _harness.Store.RescheduleAsync(current, without, CancellationToken.None));
        Assert.Empty(await _harness.DueIndex.ReadAllDueAsync(SweepKind.DisqualifyNoContact, asOf));
        await _harness.DueIndex.RemoveAsync([entry], CancellationToken.None); // repeatable: already gone is fine
    }

    [Fact]
    public async Task Nothing_is_due_before_thirty_days()
    {
        await SeedAsync("pricing", 5, "early");
        _harness.Clock.Advance(TimeSpan.FromDays(29));

        var report = await _harness.SweepAndApplyAsync(SweepKind.DisqualifyNoContact);

        Assert.Equal(0, report.Examined);
    }

    [Fact]
    public async Task Sla_breach_counts_business_days_across_the_weekend()
    {
        _harness.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 6, 9, 0, 0, TimeSpan.Zero)); // Friday
        var id = (await SeedAsync("contact-us", 1, "sla"))[0];

        _harness.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 11, 8, 59, 0, TimeSpan.Zero)); // Wednesday, a minute early
        var early = await _harness.SweepAndApplyAsync(SweepKind.FlagSlaBreaches);
        Assert.False((await LeadAsync(id)).Flags.HasFlag(LeadFlags.SlaBreached));
        _harness.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 11, 9, 0, 0, TimeSpan.Zero));
        var due = await _harness.SweepAndApplyAsync(SweepKind.FlagSlaBreaches);

        Assert.Equal(1, early.Queued); // the warning, 8 hours ahead
        Assert.Equal(1, due.Queued);
        Assert.True((await LeadAsync(id)).Flags.HasFlag(LeadFlags.SlaBreached));
        await _harness.ApplyAsync(id, TransitionType.FirstOutreachSent);
        Assert.False((await LeadAsync(id)).Flags.HasFlag(LeadFlags.SlaBreached));
    }

    [Fact]
    public async Task Check_back_is_flagged_after_a_quarter_and_cleared_when_worked()
    {
        var id = (await SeedAsync("pricing", 1, "later"))[0];
        await _harness.ApplyAsync(id, TransitionType.CheckBackLater);
        _harness.Clock.Advance(TimeSpan.FromDays(93));

        var report = await _harness.SweepAndApplyAsync(SweepKind.FlagCheckBacks);

        Assert.Equal(1, report.Queued);
        Assert.True((await LeadAsync(id)).Flags.HasFlag(LeadFlags.CheckBackDue));
        await _harness.ApplyAsync(id, TransitionType.ContactMade);
        Assert.False((await LeadAsync(id)).Flags.HasFlag(LeadFlags.CheckBackDue));
    }

    [Fact]
    public async Task Dark_leads_are_recycled_but_suppressed_ones_are_left_alone()
    {
        var ids = await SeedAsync("whitepaper", 3, "dark");
        await _harness.ApplyAsync(ids[2], TransitionType.Unsubscribed);
        _harness.Clock.Advance(TimeSpan.FromDays(91));

        var report = await _harness.SweepAndApplyAsync(SweepKind.RecycleDark);

        Assert.Equal(2, report.Queued);
        Assert.Equal(LeadStatus.Recycled, (await LeadAsync(ids[0])).Status);
        Assert.Equal(LeadStatus.Nurturing, (await LeadAsync(ids[2])).Status);
    }

    [Fact]
    public async Task A_dry_run_lists_what_it_would_change_and_changes_nothing()
    {
        var ids = await SeedAsync("pricing", 3, "dry");
        _harness.Clock.Advance(TimeSpan.FromDays(31));

        var report = await _harness.Sweeps.RunAsync(SweepKind.DisqualifyNoContact, null, dryRun: true, CancellationToken.None);

        Assert.Equal(3, report.Planned.Count);
        Assert.All(report.Planned, p => Assert.Equal(nameof(TransitionType.NoContactTimeout), p.Command));
        Assert.Equal(LeadStatus.New, (await LeadAsync(ids[0])).Status);
        Assert.Equal(0, await _harness.DrainQueueAsync());
        var real = await _harness.SweepAndApplyAsync(SweepKind.DisqualifyNoContact);
        Assert.Equal(3, real.Queued);
        Assert.Equal(LeadStatus.Disqualified, (await LeadAsync(ids[0])).Status);
    }

    [Fact]
    public async Task An_interrupted_sweep_run_again_finishes_and_changes_no_lead_twice()
    {
        var ids = await SeedAsync("pricing", 60, "cut");
        _harness.Clock.Advance(TimeSpan.FromDays(31));
        var failing = new FailingStore(_harness.Store, failOnRead: 37);
        var interrupted = Runner(failing);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => interrupted.RunAsync(SweepKind.DisqualifyNoContact, null, dryRun: false, CancellationToken.None));
        var appliedBefore = await _harness.DrainQueueAsync();
        var rerun = await _harness.Sweeps.RunAsync(SweepKind.DisqualifyNoContact, null, dryRun: false, CancellationToken.None);
        await _harness.Sweeps.RunAsync(SweepKind.DisqualifyNoContact, null, dryRun: false, CancellationToken.None); // queues the rest twice
        await _harness.DrainQueueAsync();

        Assert.True(appliedBefore > 0, "the first run queued some leads before it stopped");
        Assert.True(rerun.Queued < 60, "the leads the first run's commands changed are not due any more");
        foreach (var id in ids)
        {
            Assert.Equal(LeadStatus.Disqualified, (await LeadAsync(id)).Status);
            var history = await _harness.Store.GetHistoryAsync(id, CancellationToken.None);
            Assert.Single(history, h => h.Type == TransitionType.NoContactTimeout && h.Outcome == OutcomeKind.Applied);
        }
    }

    private SweepRunner Runner(ILeadStore store) => new(
        _harness.DueIndex,
        store,
        _harness.Get<SweepSchedule>(),
        _harness.Get<ITransitionPublisher>(),
        _harness.Get<ISweepRuns>(),
        _harness.Clock,
        _harness.Get<LeadTelemetry>(),
        Options.Create(new SweepOptions { PageSize = 25, Parallelism = 4 }),
        NullLogger<SweepRunner>.Instance);

    private async Task<List<string>> SeedAsync(string formId, int count, string prefix)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            _harness.SubmitAsync(formId, $"{prefix}{i}@acme-corp.com", null, ("employees", "250"), ("country", "US"), ("jobTitle", "Director"))));
        return [.. results.Select(r => r.LeadId!)];
    }

    private async Task<Lead> LeadAsync(string id) => (await _harness.Store.GetAsync(id, CancellationToken.None))!.Lead;

    public void Dispose() => _harness.Dispose();

    /// <summary>Storage that stops answering part-way through, as when the host dies mid-sweep.</summary>
    private sealed class FailingStore(ILeadStore inner, int failOnRead) : ILeadStore
    {
        private int _reads;

        public Task<StoredLead?> GetAsync(string leadId, CancellationToken cancellationToken)
            => Interlocked.Increment(ref _reads) >= failOnRead
                ? throw new StoreUnavailableException("simulated outage")
                : inner.GetAsync(leadId, cancellationToken);

        public Task<LeadLoad> LoadForCommandAsync(string leadId, string commandId, CancellationToken cancellationToken) => inner.LoadForCommandAsync(leadId, commandId, cancellationToken);

        public Task<Domain.Transitions.AuditRecord?> FindCommandAsync(string leadId, string commandId, CancellationToken cancellationToken) => inner.FindCommandAsync(leadId, commandId, cancellationToken);

        public Task<string> SaveAsync(LeadWrite write, CancellationToken cancellationToken) => inner.SaveAsync(write, cancellationToken);

        public Task<bool> RescheduleAsync(StoredLead stored, IReadOnlyCollection<Domain.Sweeps.DueEntry> due, CancellationToken cancellationToken) => inner.RescheduleAsync(stored, due, cancellationToken);

        public Task<IReadOnlyList<Domain.Transitions.AuditRecord>> GetHistoryAsync(string leadId, CancellationToken cancellationToken) => inner.GetHistoryAsync(leadId, cancellationToken);

        public Task<bool> EraseAsync(string leadId, Func<Domain.Lifecycle.Lead, Domain.Events.LeadEvent> erased, CancellationToken cancellationToken)
            => inner.EraseAsync(leadId, erased, cancellationToken);
    }
}
