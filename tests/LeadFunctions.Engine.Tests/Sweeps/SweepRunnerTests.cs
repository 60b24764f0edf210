using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Sweeps;
using LeadFunctions.Engine.Tests.Support;
using LeadFunctions.Engine.Transitions;
using Moq;

namespace LeadFunctions.Engine.Tests.Sweeps;

public sealed class SweepRunnerTests : IDisposable
{
    private static readonly DateTimeOffset _start = Harness.Start;

    /// <summary>Friday: past the Thursday SLA of a lead that came in on Monday.</summary>
    private static readonly DateTimeOffset _slaAsOf = _start.AddDays(4);

    /// <summary>Past the 30-day no-contact clock of a lead handed to sales at the start.</summary>
    private static readonly DateTimeOffset _noContactAsOf = _start.AddDays(31);

    private readonly Harness _h = new(new SweepOptions { PageSize = 2, Parallelism = 4 });
    private readonly Dictionary<string, LeadLoad> _loads = new(StringComparer.Ordinal);

    public SweepRunnerTests() => _h.OnLoad((leadId, _) => _loads.TryGetValue(leadId, out var load) ? load : new LeadLoad(null, null));

    public void Dispose() => _h.Dispose();

    /// <summary>Index pages of due entries (keys only: the sweep reads each lead).</summary>
    private void Pages(SweepKind sweep, DateTimeOffset asOf, params DueEntry[][] pages)
    {
        _h.Index.Setup(x => x.CountDueAsync(sweep, asOf, It.IsAny<CancellationToken>())).ReturnsAsync(pages.Sum(p => p.Length));
        for (var i = 0; i < pages.Length; i++)
        {
            var token = i == 0 ? null : "t" + i;
            var next = i == pages.Length - 1 ? null : "t" + (i + 1);
            var page = new DuePage(pages[i], next);
            _h.Index.Setup(x => x.ReadDueAsync(sweep, asOf, _h.SweepOptions.PageSize, token, It.IsAny<CancellationToken>())).ReturnsAsync(page);
        }
    }

    /// <summary>A lead stored as-is, both for the sweep's read and the processor's load.</summary>
    private Lead Stored(Lead lead, string etag = "e1")
    {
        _h.OnGet(lead.Id, _h.StoredAs(lead, etag));
        _loads[lead.Id] = new LeadLoad(_h.StoredAs(lead, etag), null);
        return lead;
    }

    private DueEntry DueEntryFor(SweepKind sweep, Lead lead, DateTimeOffset asOf)
    {
        var action = _h.Schedule.ActionFor(sweep, lead, asOf);
        Assert.NotNull(action); // seeding guard: the lead must be due
        return new DueEntry(sweep, lead.Id, action.DueAt);
    }

    private string Missing(string email)
    {
        var id = Harness.LeadIdOf(email);
        _h.OnGet(id, null);
        return id;
    }

    private Task<SweepReport> Run(SweepKind sweep, DateTimeOffset? asOf, bool dryRun = false)
        => _h.SweepRunner.RunAsync(sweep, asOf, dryRun, CancellationToken.None);

    [Fact]
    public async Task A_due_lead_is_queued_under_the_sweep_command_id_and_left_for_the_consumer()
    {
        // Warned already, so the breach is the entry the lead lists.
        var fresh = _h.NewSqlLead("ana@acme.example", _start);
        var warnAt = _h.Schedule.DueDates(fresh).Single(d => d.Sweep == SweepKind.FlagSlaBreaches).DueAt;
        var lead = Stored(_h.Machine.Apply(fresh.Id, fresh, Harness.Command(TransitionType.SlaWarning, "sweep:warn", warnAt, "sweep:flag-sla-breaches"), warnAt).Lead);
        var action = _h.Schedule.ActionFor(SweepKind.FlagSlaBreaches, lead, _slaAsOf)!;
        var entry = new DueEntry(SweepKind.FlagSlaBreaches, lead.Id, action.DueAt);
        Pages(SweepKind.FlagSlaBreaches, _slaAsOf, [entry]);

        var report = await Run(SweepKind.FlagSlaBreaches, _slaAsOf);

        var envelope = Assert.Single(_h.Queue.Published);
        Assert.Equal(lead.Id, envelope.LeadId);
        Assert.Equal(action.CommandId, envelope.Command.CommandId);
        Assert.Equal(TransitionType.SlaBreached, envelope.Command.Type);
        Assert.Equal((1, 0, 1, 0), (report.Examined, report.Changed, report.Queued, report.Skipped));
        Assert.Empty(_h.Saves);
        Assert.Empty(_h.Removed); // the consumer's transaction removes it when it applies the command
    }

    [Fact]
    public void A_sweep_without_a_transition_queue_fails_at_start()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new SweepOptions());

        Assert.Throws<ArgumentNullException>(() => new SweepRunner(_h.Index.Object, _h.Store.Object, _h.Schedule, null!,
            _h.SweepRunStore.Object, _h.Time, _h.Telemetry, options, Microsoft.Extensions.Logging.Abstractions.NullLogger<SweepRunner>.Instance));
    }

    [Fact]
    public async Task Pages_through_continuation_tokens_until_there_are_none()
    {
        var ids = Enumerable.Range(0, 5).Select(i => Missing($"gone{i}@acme.example")).ToArray();
        var entries = ids.Select(id => new DueEntry(SweepKind.FlagSlaBreaches, id, _start)).ToArray();
        Pages(SweepKind.FlagSlaBreaches, _slaAsOf, [entries[0], entries[1]], [entries[2], entries[3]], [entries[4]]);

        var report = await Run(SweepKind.FlagSlaBreaches, _slaAsOf);

        foreach (var token in new[] { null, "t1", "t2" })
        {
            _h.Index.Verify(x => x.ReadDueAsync(SweepKind.FlagSlaBreaches, _slaAsOf, 2, token, It.IsAny<CancellationToken>()), Times.Once);
        }

        _h.Index.Verify(x => x.ReadDueAsync(It.IsAny<SweepKind>(), It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
        Assert.Equal(5, report.Examined);
        Assert.Equal(entries.OrderBy(e => e.LeadId, StringComparer.Ordinal), _h.Removed.Select(Assert.Single).OrderBy(e => e.LeadId, StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_run_saves_its_progress_at_start_and_at_the_end_with_done_of_total()
    {
        var ids = Enumerable.Range(0, 5).Select(i => Missing($"gone{i}@acme.example")).ToArray();
        var entries = ids.Select(id => new DueEntry(SweepKind.FlagSlaBreaches, id, _start)).ToArray();
        Pages(SweepKind.FlagSlaBreaches, _slaAsOf, [entries[0], entries[1]], [entries[2], entries[3]], [entries[4]]);

        var report = await Run(SweepKind.FlagSlaBreaches, _slaAsOf);

        Assert.Equal(5, report.Total);
        Assert.Equal(2, _h.SweepRuns.Count); // the pages came at once: no progress in between
        var (first, last) = (_h.SweepRuns[0], _h.SweepRuns[^1]);
        Assert.Equal((SweepRunState.Running, 0, 5, "flag-sla-breaches"), (first.State, first.Done, first.Total, first.Sweep));
        Assert.Null(first.FinishedAt);
        Assert.Equal((SweepRunState.Completed, 5, 5, 5), (last.State, last.Done, last.Total, last.Skipped));
        Assert.Equal(report.RunId, last.RunId);
        Assert.Equal(first.RunId, last.RunId);
        Assert.Equal(_h.Time.GetUtcNow(), last.FinishedAt);
        Assert.Equal(_slaAsOf, last.AsOf);
    }

    [Fact]
    public async Task A_long_run_saves_progress_once_per_interval_between_pages()
    {
        using var h = new Harness(new SweepOptions { PageSize = 1, Parallelism = 1, ProgressInterval = TimeSpan.FromSeconds(3) });
        h.Index.Setup(x => x.CountDueAsync(SweepKind.RecycleDark, _start, It.IsAny<CancellationToken>())).ReturnsAsync(4);
        for (var i = 0; i < 4; i++)
        {
            var id = Harness.LeadIdOf($"gone{i}@acme.example");
            h.OnGet(id, null);
            var token = i == 0 ? null : "t" + i;
            var next = i == 3 ? null : "t" + (i + 1);
            h.Index.Setup(x => x.ReadDueAsync(SweepKind.RecycleDark, _start, 1, token, It.IsAny<CancellationToken>()))
                .Callback(() => h.Time.Advance(TimeSpan.FromSeconds(2)))
                .ReturnsAsync(new DuePage([new DueEntry(SweepKind.RecycleDark, id, _start)], next));
        }

        await h.SweepRunner.RunAsync(SweepKind.RecycleDark, _start, dryRun: false, CancellationToken.None);

        // 2 s a page: 4 s after the start the 3 s interval has passed once (after page 2); page 4 is the last, so
        // its count is the finished one.
        Assert.Equal(
            [(SweepRunState.Running, 0), (SweepRunState.Running, 2), (SweepRunState.Completed, 4)],
            h.SweepRuns.Select(r => (r.State, r.Done)));
        Assert.All(h.SweepRuns, r => Assert.Equal(4, r.Total));
    }

    [Fact]
    public async Task A_run_that_fails_is_saved_as_failed_with_what_it_had_done()
    {
        using var h = new Harness(new SweepOptions { PageSize = 1, Parallelism = 1 });
        var id = Harness.LeadIdOf("gone@acme.example");
        h.OnGet(id, null);
        h.Index.Setup(x => x.CountDueAsync(SweepKind.RecycleDark, _start, It.IsAny<CancellationToken>())).ReturnsAsync(2);
        h.Index.Setup(x => x.ReadDueAsync(SweepKind.RecycleDark, _start, 1, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new DuePage([new DueEntry(SweepKind.RecycleDark, id, _start)], "t1"));
        h.Index.Setup(x => x.ReadDueAsync(SweepKind.RecycleDark, _start, 1, "t1", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("storage went away"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => h.SweepRunner.RunAsync(SweepKind.RecycleDark, _start, dryRun: false, CancellationToken.None));

        var last = h.SweepRuns[^1];
        Assert.Equal((SweepRunState.Failed, 1, 2), (last.State, last.Done, last.Total));
        Assert.NotNull(last.FinishedAt);
    }

    [Fact]
    public async Task Page_size_comes_from_the_options()
    {
        using var h = new Harness(new SweepOptions { PageSize = 37, Parallelism = 1 });
        h.Index.Setup(x => x.ReadDueAsync(SweepKind.RecycleDark, _start, 37, null, It.IsAny<CancellationToken>())).ReturnsAsync(new DuePage([], null));

        var report = await h.SweepRunner.RunAsync(SweepKind.RecycleDark, _start, dryRun: false, CancellationToken.None);

        Assert.Equal(0, report.Examined);
        h.Index.Verify(x => x.ReadDueAsync(SweepKind.RecycleDark, _start, 37, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Due_lead_is_changed_through_the_processor_under_the_sweep_action_command_id()
    {
        // Warned already, so the breach is the entry the lead lists.
        var fresh = _h.NewSqlLead("ana@acme.example", _start);
        var warnAt = _h.Schedule.DueDates(fresh).Single(d => d.Sweep == SweepKind.FlagSlaBreaches).DueAt;
        var lead = Stored(_h.Machine.Apply(fresh.Id, fresh, Harness.Command(TransitionType.SlaWarning, "sweep:warn", warnAt, "sweep:flag-sla-breaches"), warnAt).Lead);
        var action = _h.Schedule.ActionFor(SweepKind.FlagSlaBreaches, lead, _slaAsOf)!;
        var entry = new DueEntry(SweepKind.FlagSlaBreaches, lead.Id, action.DueAt);
        Pages(SweepKind.FlagSlaBreaches, _slaAsOf, [entry]);

        var report = await Run(SweepKind.FlagSlaBreaches, _slaAsOf);
        await _h.DrainQueueAsync();

        Assert.Equal($"sweep:flag-sla-breaches:{action.DueAt.UtcTicks}", action.CommandId);
        Assert.Equal([(lead.Id, action.CommandId)], _h.Loads); // the consumer reads the lead again before it writes
        var save = Assert.Single(_h.Saves);
        Assert.Equal("e1", save.ExpectedETag);
        Assert.Equal(action.CommandId, save.Audit.CommandId);
        Assert.Equal(TransitionType.SlaBreached, save.Audit.Type);
        Assert.Equal(OutcomeKind.Applied, save.Audit.Outcome);
        Assert.Equal("sweep:flag-sla-breaches", save.Audit.Actor);
        Assert.Equal("sla-breached", save.Audit.Reason);
        Assert.Equal(_slaAsOf, save.Audit.OccurredAt);
        Assert.True(save.Lead.Flags.HasFlag(LeadFlags.SlaBreached));

        // The applied command takes its due entry out in the same write; the sweep does not remove it separately.
        Assert.Contains(entry, save.DueBefore);
        Assert.DoesNotContain(entry, save.DueAfter);
        Assert.Equal(["load", "save"], _h.Calls);
        Assert.Empty(_h.Removed);
        _h.Index.Verify(x => x.RemoveAsync(It.IsAny<IReadOnlyCollection<DueEntry>>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(new SweepReport("flag-sla-breaches", _slaAsOf, false, 1, 0, 0, []) { Queued = 1, Total = 1, RunId = report.RunId }, report with { Planned = [] });
        Assert.Empty(report.Planned);
        Assert.Equal(1, _h.Metrics.Sum("leadfunctions.sla.breaches"));
    }

    [Fact]
    public async Task An_sla_warning_is_recorded_with_its_own_reason_not_the_breachs()
    {
        var lead = Stored(_h.NewSqlLead("ana@acme.example", _start));
        var warning = _h.Schedule.DueDates(lead).Single(d => d.Sweep == SweepKind.FlagSlaBreaches);
        Pages(SweepKind.FlagSlaBreaches, warning.DueAt, [warning]);

        await Run(SweepKind.FlagSlaBreaches, warning.DueAt);
        await _h.DrainQueueAsync();

        var save = Assert.Single(_h.Saves);
        Assert.Equal((TransitionType.SlaWarning, "sla-warning"), (save.Audit.Type, save.Audit.Reason));
    }

    [Fact]
    public async Task A_due_lead_is_read_by_the_sweep_and_again_by_the_consumer_whose_read_guards_the_write()
    {
        var lead = Stored(_h.NewSqlLead("ana@acme.example", _start));
        var entry = DueEntryFor(SweepKind.DisqualifyNoContact, lead, _noContactAsOf);
        Pages(SweepKind.DisqualifyNoContact, _noContactAsOf, [entry]);

        var dryRun = await Run(SweepKind.DisqualifyNoContact, _noContactAsOf, dryRun: true);
        var report = await Run(SweepKind.DisqualifyNoContact, _noContactAsOf);
        await _h.DrainQueueAsync();

        Assert.Equal(nameof(TransitionType.NoContactTimeout), Assert.Single(dryRun.Planned).Command);
        Assert.Equal(1, report.Queued);
        var save = Assert.Single(_h.Saves);
        Assert.Equal("e1", save.ExpectedETag);
        Assert.Equal(_h.StoredAs(lead, "e1").Due, save.DueBefore);
        Assert.Equal(LeadStatus.Disqualified, save.Lead.Status);
        Assert.Single(_h.Loads);
        _h.Store.Verify(s => s.GetAsync(lead.Id, It.IsAny<CancellationToken>()), Times.Exactly(2)); // dry run and real run
    }

    [Fact]
    public async Task A_lead_changed_after_the_sweep_read_it_is_decided_again_by_the_consumer()
    {
        var fresh = _h.NewSqlLead("ana@acme.example", _start);
        var entry = DueEntryFor(SweepKind.DisqualifyNoContact, fresh, _noContactAsOf);
        _h.OnGet(fresh.Id, _h.StoredAs(fresh, "stale-tag"));
        var contacted = _h.After(fresh, Harness.Command(TransitionType.ContactMade, "evt-1", _start.AddDays(1)));
        _loads[fresh.Id] = new LeadLoad(_h.StoredAs(contacted, "e1"), null);
        Pages(SweepKind.DisqualifyNoContact, _noContactAsOf, [entry]);

        await Run(SweepKind.DisqualifyNoContact, _noContactAsOf);
        await _h.DrainQueueAsync();

        Assert.Equal(["e1"], _h.Saves.Select(s => s.ExpectedETag));
        Assert.Equal([(contacted.Id, $"sweep:disqualify-no-contact:{entry.DueAt.UtcTicks}")], _h.Loads);
        Assert.NotEqual(LeadStatus.Disqualified, _h.Saves[0].Lead.Status);
        Assert.Equal(OutcomeKind.Rejected, _h.Saves[0].Audit.Outcome);
    }

    [Fact]
    public async Task No_contact_sweep_disqualifies_an_sql_nobody_reached()
    {
        var lead = Stored(_h.NewSqlLead("ana@acme.example", _start));
        var entry = DueEntryFor(SweepKind.DisqualifyNoContact, lead, _noContactAsOf);
        Pages(SweepKind.DisqualifyNoContact, _noContactAsOf, [entry]);

        var report = await Run(SweepKind.DisqualifyNoContact, _noContactAsOf);
        var handled = Assert.Single(await _h.DrainQueueAsync());

        Assert.Equal(1, report.Queued);
        Assert.Equal(OutcomeKind.Applied, handled.Outcome!.Kind);
        var save = Assert.Single(_h.Saves);
        Assert.Equal(TransitionType.NoContactTimeout, save.Audit.Type);
        Assert.Equal($"sweep:disqualify-no-contact:{_start.AddDays(30).UtcTicks}", save.Audit.CommandId);
        Assert.Equal("no-contact", save.Audit.Reason);
        Assert.Equal(LeadStatus.Disqualified, save.Lead.Status);
        Assert.Equal(Team.Marketing, save.Lead.OwnerTeam);
    }

    [Fact]
    public async Task Lead_no_longer_due_is_skipped_and_its_entry_removed()
    {
        var fresh = _h.NewSqlLead("ana@acme.example", _start);
        var staleEntry = DueEntryFor(SweepKind.DisqualifyNoContact, fresh, _noContactAsOf);
        var contacted = Stored(_h.After(fresh, Harness.Command(TransitionType.ContactMade, "evt-1", _start.AddDays(1))));
        Pages(SweepKind.DisqualifyNoContact, _noContactAsOf, [staleEntry]);

        var report = await Run(SweepKind.DisqualifyNoContact, _noContactAsOf);

        Assert.Equal((1, 0, 1), (report.Examined, report.Changed, report.Skipped));
        Assert.Empty(_h.Loads);
        Assert.Empty(_h.Saves);
        Assert.Equal([staleEntry], Assert.Single(_h.Removed));
        Assert.Equal(LeadStatus.Connected, contacted.Status);
    }

    [Fact]
    public async Task Erased_lead_is_skipped_and_its_entry_removed()
    {
        var entry = new DueEntry(SweepKind.RecycleDark, Missing("gone@acme.example"), _start);
        Pages(SweepKind.RecycleDark, _start.AddDays(1), [entry]);

        var report = await Run(SweepKind.RecycleDark, _start.AddDays(1));

        Assert.Equal((1, 0, 1), (report.Examined, report.Changed, report.Skipped));
        Assert.Empty(_h.Loads);
        Assert.Empty(_h.Saves);
        Assert.Equal([entry], Assert.Single(_h.Removed));
    }

    [Fact]
    public async Task Lead_changed_between_read_and_write_is_refused_recorded_and_its_entry_gone()
    {
        // The sweep reads a due lead and queues its command, but before the consumer takes it a rep reaches them: the
        // consumer reads the contacted lead, and the command is refused and recorded. The rep's write took the entry.
        var due = _h.NewSqlLead("ana@acme.example", _start);
        _h.OnGet(due.Id, _h.StoredAs(due, "e1"));
        var contacted = _h.After(due, Harness.Command(TransitionType.ContactMade, "evt-1", _start.AddDays(1)));
        _loads[due.Id] = new LeadLoad(_h.StoredAs(contacted, "e2"), null);
        var entry = DueEntryFor(SweepKind.DisqualifyNoContact, due, _noContactAsOf);
        Pages(SweepKind.DisqualifyNoContact, _noContactAsOf, [entry]);

        var report = await Run(SweepKind.DisqualifyNoContact, _noContactAsOf);
        var handled = Assert.Single(await _h.DrainQueueAsync());

        Assert.Equal((1, 0, 1, 0), (report.Examined, report.Changed, report.Queued, report.Skipped));
        Assert.Equal(OutcomeKind.Rejected, handled.Outcome!.Kind);
        Assert.Equal(["load", "save"], _h.Calls);
        var save = Assert.Single(_h.Saves);
        Assert.Equal("e2", save.ExpectedETag);
        Assert.Equal(OutcomeKind.Rejected, save.Audit.Outcome);
        Assert.Equal(RejectionCode.NotDue, save.Audit.RejectionCode);
        Assert.Equal(LeadStatus.Connected, save.Lead.Status);
        Assert.DoesNotContain(entry, save.DueAfter);
    }

    [Fact]
    public async Task Report_counts_examined_changed_and_skipped_exactly_across_pages()
    {
        var dueA = Stored(_h.NewSqlLead("a@acme.example", _start));
        var dueB = Stored(_h.NewSqlLead("b@acme.example", _start.AddHours(2)));
        var contacted = Stored(_h.After(_h.NewSqlLead("c@acme.example", _start), Harness.Command(TransitionType.ContactMade, "evt-c", _start.AddDays(1))));
        var notYet = Stored(_h.NewSqlLead("d@acme.example", _start.AddDays(3))); // SLA due next Tuesday
        var gone = Missing("e@acme.example");
        DueEntry[] entries =
        [
            DueEntryFor(SweepKind.FlagSlaBreaches, dueA, _slaAsOf),
            new(SweepKind.FlagSlaBreaches, contacted.Id, _start.AddDays(3)),
            DueEntryFor(SweepKind.FlagSlaBreaches, dueB, _slaAsOf),
            new(SweepKind.FlagSlaBreaches, notYet.Id, _slaAsOf),
            new(SweepKind.FlagSlaBreaches, gone, _start),
        ];
        Pages(SweepKind.FlagSlaBreaches, _slaAsOf, entries[..2], entries[2..4], entries[4..]);

        var report = await Run(SweepKind.FlagSlaBreaches, _slaAsOf);
        await _h.DrainQueueAsync();

        Assert.Equal((5, 0, 2, 3), (report.Examined, report.Changed, report.Queued, report.Skipped));
        Assert.Equal(new[] { dueA.Id, dueB.Id }.Order(StringComparer.Ordinal), _h.Saves.Select(s => s.Lead.Id).Order(StringComparer.Ordinal));
        Assert.All(_h.Saves, s => Assert.Equal(TransitionType.SlaBreached, s.Audit.Type));

        // Applied ones leave the index inside their write; the other three are dropped by the sweep, one by one.
        Assert.All(_h.Removed, r => Assert.Single(r));
        Assert.Equal(
            new[] { entries[1], entries[3], entries[4] }.OrderBy(e => e.LeadId, StringComparer.Ordinal),
            _h.Removed.Select(r => r[0]).OrderBy(e => e.LeadId, StringComparer.Ordinal));

        Assert.Equal(5, _h.Metrics.Sum("leadfunctions.sweep.leads", ("sweep", "flag-sla-breaches"), ("outcome", "examined")));
        Assert.Equal(2, _h.Metrics.Sum("leadfunctions.sweep.leads", ("sweep", "flag-sla-breaches"), ("outcome", "queued")));
        Assert.Equal(3, _h.Metrics.Sum("leadfunctions.sweep.leads", ("sweep", "flag-sla-breaches"), ("outcome", "skipped")));
    }

    [Fact]
    public async Task Dry_run_plans_due_leads_and_writes_nothing()
    {
        var dueA = Stored(_h.NewSqlLead("a@acme.example", _start.AddHours(2)));
        var dueB = Stored(_h.NewSqlLead("b@acme.example", _start));
        var contacted = Stored(_h.After(_h.NewSqlLead("c@acme.example", _start), Harness.Command(TransitionType.ContactMade, "evt-c", _start.AddDays(1))));
        var gone = Missing("e@acme.example");
        var actionA = _h.Schedule.ActionFor(SweepKind.FlagSlaBreaches, dueA, _slaAsOf)!;
        var actionB = _h.Schedule.ActionFor(SweepKind.FlagSlaBreaches, dueB, _slaAsOf)!;
        DueEntry[] entries =
        [
            new(SweepKind.FlagSlaBreaches, dueA.Id, actionA.DueAt),
            new(SweepKind.FlagSlaBreaches, contacted.Id, _start.AddDays(3)),
            new(SweepKind.FlagSlaBreaches, dueB.Id, actionB.DueAt),
            new(SweepKind.FlagSlaBreaches, gone, _start),
        ];
        Pages(SweepKind.FlagSlaBreaches, _slaAsOf, entries[..2], entries[2..]);

        var report = await Run(SweepKind.FlagSlaBreaches, _slaAsOf, dryRun: true);

        Assert.True(report.DryRun);
        Assert.Equal((4, 2, 2), (report.Examined, report.Changed, report.Skipped));
        PlannedChange[] expected =
        [
            new(dueB.Id, "SlaBreached", actionB.DueAt),
            new(dueA.Id, "SlaBreached", actionA.DueAt),
        ];
        Assert.Equal(expected, report.Planned);
        Assert.Empty(_h.Calls);
        _h.Store.Verify(s => s.LoadForCommandAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        _h.Store.Verify(s => s.SaveAsync(It.IsAny<LeadWrite>(), It.IsAny<CancellationToken>()), Times.Never);
        _h.Index.Verify(x => x.RemoveAsync(It.IsAny<IReadOnlyCollection<DueEntry>>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Empty(_h.Queue.Published);
    }

    [Fact]
    public async Task Applied_occurrence_is_not_removed_by_the_sweep()
    {
        var lead = Stored(_h.NewSqlLead("ana@acme.example", _start));
        var entry = DueEntryFor(SweepKind.DisqualifyNoContact, lead, _noContactAsOf);
        Pages(SweepKind.DisqualifyNoContact, _noContactAsOf, [entry]);

        var report = await Run(SweepKind.DisqualifyNoContact, _noContactAsOf);
        await _h.DrainQueueAsync();

        Assert.Equal((1, 1, 0), (report.Examined, report.Queued, report.Skipped));
        var save = Assert.Single(_h.Saves);
        Assert.Equal(OutcomeKind.Applied, save.Audit.Outcome);
        Assert.Contains(entry, save.DueBefore);
        Assert.DoesNotContain(entry, save.DueAfter);
        Assert.Empty(_h.Removed);
        _h.Index.Verify(x => x.RemoveAsync(It.IsAny<IReadOnlyCollection<DueEntry>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Occurrence_applied_by_an_earlier_run_is_not_applied_again()
    {
        // An interrupted run queued it and the consumer applied it; the run again queues it under the same command id.
        var lead = Stored(_h.NewSqlLead("ana@acme.example", _start));
        var entry = DueEntryFor(SweepKind.DisqualifyNoContact, lead, _noContactAsOf);
        var action = _h.Schedule.ActionFor(SweepKind.DisqualifyNoContact, lead, _noContactAsOf)!;
        var prior = new AuditRecord(action.CommandId, TransitionType.NoContactTimeout, OutcomeKind.Applied, null, "sweep:disqualify-no-contact",
            "no-contact", _noContactAsOf, _noContactAsOf, LifecycleStage.SQL, LifecycleStage.SQL, LeadStatus.New, LeadStatus.Disqualified, 2);
        _loads[lead.Id] = new LeadLoad(_h.StoredAs(lead, "e1"), prior);
        Pages(SweepKind.DisqualifyNoContact, _noContactAsOf, [entry]);

        var report = await Run(SweepKind.DisqualifyNoContact, _noContactAsOf);
        var handled = Assert.Single(await _h.DrainQueueAsync());

        Assert.Equal((1, 0, 1, 0), (report.Examined, report.Changed, report.Queued, report.Skipped));
        Assert.Equal(action.CommandId, Assert.Single(_h.Queue.Published).Command.CommandId);
        Assert.Equal(OutcomeKind.Duplicate, handled.Outcome!.Kind);
        Assert.Equal(["load"], _h.Calls);
        Assert.Empty(_h.Saves);
    }

    [Fact]
    public async Task Stale_occurrence_is_applied_under_the_current_due_date_and_its_entry_removed()
    {
        // The entry names an older due date than the lead's current one (e.g. written under an earlier playbook);
        // the lead is still due, so the sweep applies the current occurrence and drops the entry the write did not cover.
        // Warned already, so the breach is the entry the lead lists.
        var fresh = _h.NewSqlLead("ana@acme.example", _start);
        var warnAt = _h.Schedule.DueDates(fresh).Single(d => d.Sweep == SweepKind.FlagSlaBreaches).DueAt;
        var lead = Stored(_h.Machine.Apply(fresh.Id, fresh, Harness.Command(TransitionType.SlaWarning, "sweep:warn", warnAt, "sweep:flag-sla-breaches"), warnAt).Lead);
        var action = _h.Schedule.ActionFor(SweepKind.FlagSlaBreaches, lead, _slaAsOf)!;
        var staleEntry = new DueEntry(SweepKind.FlagSlaBreaches, lead.Id, action.DueAt.AddDays(-1));
        Pages(SweepKind.FlagSlaBreaches, _slaAsOf, [staleEntry]);

        var report = await Run(SweepKind.FlagSlaBreaches, _slaAsOf);
        await _h.DrainQueueAsync();

        Assert.Equal((1, 1, 0), (report.Examined, report.Queued, report.Skipped));
        var save = Assert.Single(_h.Saves);
        Assert.Equal(OutcomeKind.Applied, save.Audit.Outcome);
        Assert.Equal(action.CommandId, save.Audit.CommandId);
        Assert.Equal(["index.remove", "load", "save"], _h.Calls);
        Assert.Equal([staleEntry], Assert.Single(_h.Removed));
    }

    [Fact]
    public async Task Lead_due_later_under_a_lengthened_threshold_is_rescheduled_not_forgotten()
    {
        // The playbook's no-contact threshold goes from 30 to 45 days. The day-30 entry written under the old playbook
        // is read on day 31; the lead is not due yet, so the sweep rewrites its due entries (day 45) and drops day 30.
        var lead = _h.NewSqlLead("ana@acme.example", _start);
        var oldEntry = DueEntryFor(SweepKind.DisqualifyNoContact, lead, _noContactAsOf);
        Assert.Equal(_start.AddDays(30), oldEntry.DueAt);
        Stored(lead);
        var longer = Harness.Playbook with { Thresholds = Harness.Playbook.Thresholds with { NoContactDays = 45 } };
        var schedule = new SweepSchedule(longer);
        var newEntry = new DueEntry(SweepKind.DisqualifyNoContact, lead.Id, _start.AddDays(45));
        Assert.Contains(newEntry, schedule.DueDates(lead));
        Pages(SweepKind.DisqualifyNoContact, _noContactAsOf, [oldEntry]);
        _h.Store.Setup(s => s.RescheduleAsync(It.IsAny<StoredLead>(), It.IsAny<IReadOnlyCollection<DueEntry>>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        var runner = _h.SweepRunnerWith(schedule);

        var report = await runner.RunAsync(SweepKind.DisqualifyNoContact, _noContactAsOf, dryRun: false, CancellationToken.None);

        Assert.Equal((1, 0, 1), (report.Examined, report.Changed, report.Skipped));
        _h.Store.Verify(
            s => s.RescheduleAsync(
                It.Is<StoredLead>(stored => stored.Lead.Id == lead.Id),
                It.Is<IReadOnlyCollection<DueEntry>>(due => due.Contains(newEntry) && !due.Contains(oldEntry)),
                It.IsAny<CancellationToken>()),
            Times.Once);
        Assert.Empty(_h.Saves);
        Assert.Empty(_h.Queue.Published);
    }

    [Fact]
    public async Task Without_as_of_the_sweep_runs_at_the_clock_time()
    {
        _h.Time.Advance(TimeSpan.FromDays(10));
        var now = _h.Now;
        _h.Index.Setup(x => x.ReadDueAsync(SweepKind.FlagCheckBacks, now, 2, null, It.IsAny<CancellationToken>())).ReturnsAsync(new DuePage([], null));

        var report = await Run(SweepKind.FlagCheckBacks, asOf: null);

        Assert.Equal(now, report.AsOf);
        Assert.Equal("flag-check-backs", report.Sweep);
        _h.Index.Verify(x => x.ReadDueAsync(SweepKind.FlagCheckBacks, now, 2, null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Index_outage_stops_the_sweep_and_counts_a_failure()
    {
        _h.Index.Setup(x => x.ReadDueAsync(SweepKind.RecycleDark, _start, 2, null, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new StoreUnavailableException("down"));

        await Assert.ThrowsAsync<StoreUnavailableException>(() => Run(SweepKind.RecycleDark, _start));

        Assert.Equal(1, _h.Metrics.Sum("leadfunctions.sweep.failures", ("sweep", "recycle-dark")));
    }
}
