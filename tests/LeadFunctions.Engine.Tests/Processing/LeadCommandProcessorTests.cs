using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Processing;
using LeadFunctions.Engine.Tests.Support;
using Moq;

namespace LeadFunctions.Engine.Tests.Processing;

public sealed class LeadCommandProcessorTests : IDisposable
{
    private const string Email = "ana@acme.example";
    private static readonly string _leadId = Harness.LeadIdOf(Email);
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task New_lead_is_inserted_without_an_etag_with_its_audit_record()
    {
        _h.OnLoad(current: null);
        var command = Harness.FormCommand("contact-us", Email, "sub:s-1", _h.Now);

        var outcome = await _h.Processor.ProcessAsync(_leadId, command, CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.False(outcome.IsUnknownLead);
        Assert.Equal([(_leadId, "sub:s-1")], _h.Loads);
        var save = Assert.Single(_h.Saves);
        Assert.Null(save.ExpectedETag);
        Assert.Equal(_leadId, save.Lead.Id);
        Assert.Equal(LifecycleStage.SQL, save.Lead.Stage);
        Assert.Equal(LeadStatus.New, save.Lead.Status);
        Assert.Equal(1, save.Lead.Version);
        Assert.Equal("sub:s-1", save.Audit.CommandId);
        Assert.Equal(TransitionType.FormSubmitted, save.Audit.Type);
        Assert.Equal(OutcomeKind.Applied, save.Audit.Outcome);
        Assert.Null(save.Audit.FromStage);
        Assert.Null(save.Audit.FromStatus);
        Assert.Equal(LifecycleStage.SQL, save.Audit.ToStage);
        Assert.Equal(1, save.Audit.Sequence);
        Assert.Equal(_h.Now, save.Audit.RecordedAt);
        Assert.Same(save.Audit, outcome.Audit);
        Assert.Same(save.Lead, outcome.Lead);
    }

    [Fact]
    public async Task New_sql_lead_indexes_its_due_dates_before_it_is_saved()
    {
        _h.OnLoad(current: null);
        var now = _h.Now;

        await _h.Processor.ProcessAsync(_leadId, Harness.FormCommand("contact-us", Email, "sub:s-1", now), CancellationToken.None);

        Assert.Equal(["load", "index.add", "save"], _h.Calls);
        var added = Assert.Single(_h.Added);
        DueEntry[] expected =
        [
            new(SweepKind.DisqualifyNoContact, _leadId, now.AddDays(30)),
            new(SweepKind.RecycleDark, _leadId, now.AddDays(90)),
            new(SweepKind.FlagSlaBreaches, _leadId, new DateTimeOffset(2026, 3, 5, 10, 0, 0, TimeSpan.Zero)),
        ];
        Assert.Equal(expected, added.OrderBy(e => e.Sweep));
        Assert.Empty(_h.Removed);
    }

    [Fact]
    public async Task Index_add_precedes_save_by_mock_sequence()
    {
        // The same ordering claim, checked with Moq's own sequence instead of the harness's call log.
        var store = new Mock<ILeadStore>(MockBehavior.Strict);
        var index = new Mock<IDueIndex>(MockBehavior.Strict);
        var sequence = new MockSequence();
        store.InSequence(sequence).Setup(s => s.LoadForCommandAsync(_leadId, "sub:s-1", It.IsAny<CancellationToken>())).ReturnsAsync(new LeadLoad(null, null));
        index.InSequence(sequence).Setup(i => i.AddAsync(It.Is<IReadOnlyCollection<DueEntry>>(e => e.Count == 3), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        store.InSequence(sequence).Setup(s => s.SaveAsync(It.IsAny<Lead>(), null, It.IsAny<AuditRecord>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var processor = new LeadCommandProcessor(store.Object, index.Object, _h.Machine, _h.Schedule, _h.Time, _h.Telemetry,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<LeadCommandProcessor>.Instance);

        var outcome = await processor.ProcessAsync(_leadId, Harness.FormCommand("contact-us", Email, "sub:s-1", _h.Now), CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        store.Verify(s => s.SaveAsync(It.IsAny<Lead>(), null, It.IsAny<AuditRecord>(), It.IsAny<CancellationToken>()), Times.Once);
        index.Verify(i => i.AddAsync(It.IsAny<IReadOnlyCollection<DueEntry>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Recorded_command_id_returns_duplicate_and_writes_nothing()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        var prior = new AuditRecord("evt-1", TransitionType.ContactMade, OutcomeKind.Applied, null, "rep:sam", null,
            _h.Now, _h.Now, LifecycleStage.SQL, LifecycleStage.SQL, LeadStatus.New, LeadStatus.Connected, 2);
        _h.OnLoad(new StoredLead(lead, "e1"), prior);

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now), CancellationToken.None);

        Assert.Equal(OutcomeKind.Duplicate, outcome.Kind);
        Assert.Same(prior, outcome.Audit);
        Assert.Same(lead, outcome.Lead);
        Assert.Empty(_h.Saves);
        Assert.Empty(_h.Added);
        Assert.Empty(_h.Removed);
        _h.Index.VerifyNoOtherCalls();
        Assert.Equal(1, _h.Metrics.Sum("leadfunctions.transitions.duplicates", ("type", "ContactMade")));
        Assert.Equal(0, _h.Metrics.Sum("leadfunctions.transitions.applied"));
    }

    [Theory]
    [InlineData(TransitionType.ContactMade)]
    [InlineData(TransitionType.DealWon)]
    [InlineData(TransitionType.SlaBreached)]
    public async Task Non_form_command_for_an_unknown_lead_is_unknown_lead_and_writes_nothing(TransitionType type)
    {
        _h.OnLoad(current: null);

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(type, "evt-1", _h.Now), CancellationToken.None);

        Assert.True(outcome.IsUnknownLead);
        Assert.Same(CommandOutcome.UnknownLead, outcome);
        Assert.Equal(["load"], _h.Calls);
        _h.Index.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Form_submission_for_a_form_the_playbook_lacks_creates_nothing_and_does_not_crash()
    {
        // Intake checks the form, but queued or replayed commands reach the processor directly
        // (e.g. a form removed from the playbook after the message was queued).
        _h.OnLoad(current: null);

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.FormCommand("retired-form", Email, "sub:s-1", _h.Now), CancellationToken.None);

        Assert.NotEqual(OutcomeKind.Applied, outcome.Kind);
        Assert.Empty(_h.Saves);
    }

    [Fact]
    public async Task Write_conflict_reloads_decides_again_and_saves_with_the_new_etag()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        var changedMeanwhile = lead with { Version = lead.Version + 5 };
        var loads = 0;
        _h.OnLoad((_, _) => ++loads == 1 ? new LeadLoad(new StoredLead(lead, "e1"), null) : new LeadLoad(new StoredLead(changedMeanwhile, "e2"), null));
        _h.SaveBehavior = (n, _) => n == 1 ? Task.FromException(new LeadWriteConflictException(WriteConflict.LeadChanged)) : Task.CompletedTask;

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now.AddHours(1)), CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.Equal(["e1", "e2"], _h.Saves.Select(s => s.ExpectedETag));
        Assert.Equal(changedMeanwhile.Version + 1, _h.Saves[1].Audit.Sequence);
        Assert.Equal(changedMeanwhile.Version + 1, outcome.Lead!.Version);
        Assert.Equal(["load", "index.add", "save", "load", "index.add", "save", "index.remove"], _h.Calls);
        Assert.Equal(1, _h.Metrics.Sum("leadfunctions.transitions.applied", ("type", "ContactMade")));
    }

    [Fact]
    public async Task Losing_a_race_to_the_same_command_id_returns_the_recorded_outcome()
    {
        // Two deliveries of one command race: the other one recorded it first, so the reload finds the record.
        var lead = _h.NewSqlLead(Email, _h.Now);
        var prior = new AuditRecord("evt-1", TransitionType.ContactMade, OutcomeKind.Applied, null, "rep:sam", null,
            _h.Now, _h.Now, LifecycleStage.SQL, LifecycleStage.SQL, LeadStatus.New, LeadStatus.Connected, lead.Version + 1);
        var loads = 0;
        _h.OnLoad((_, _) => ++loads == 1 ? new LeadLoad(new StoredLead(lead, "e1"), null) : new LeadLoad(new StoredLead(lead, "e2"), prior));
        _h.SaveBehavior = (_, _) => Task.FromException(new LeadWriteConflictException(WriteConflict.CommandAlreadyRecorded));

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now), CancellationToken.None);

        Assert.Equal(OutcomeKind.Duplicate, outcome.Kind);
        Assert.Same(prior, outcome.Audit);
        Assert.Single(_h.Saves);
        Assert.Empty(_h.Removed);
    }

    [Fact]
    public async Task Index_outage_before_the_save_writes_no_lead()
    {
        _h.OnLoad(current: null);
        _h.Index.Setup(i => i.AddAsync(It.IsAny<IReadOnlyCollection<DueEntry>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new StoreUnavailableException("down"));

        await Assert.ThrowsAsync<StoreUnavailableException>(
            () => _h.Processor.ProcessAsync(_leadId, Harness.FormCommand("contact-us", Email, "sub:s-1", _h.Now), CancellationToken.None));

        Assert.Empty(_h.Saves);
    }

    [Fact]
    public async Task Conflicts_on_every_attempt_surface_after_max_attempts()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        _h.OnLoad(new StoredLead(lead, "e1"));
        _h.SaveBehavior = (_, _) => Task.FromException(new LeadWriteConflictException(WriteConflict.LeadChanged));

        await Assert.ThrowsAsync<LeadWriteConflictException>(
            () => _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now), CancellationToken.None));

        Assert.Equal(LeadCommandProcessor.MaxAttempts, _h.Saves.Count);
        Assert.Equal(LeadCommandProcessor.MaxAttempts, _h.Loads.Count);
        Assert.Empty(_h.Removed);
        Assert.Equal(0, _h.Metrics.Sum("leadfunctions.transitions.applied"));
    }

    [Fact]
    public async Task Cancellation_during_conflict_backoff_stops_the_retries()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        _h.OnLoad(new StoredLead(lead, "e1"));
        using var cts = new CancellationTokenSource();
        _h.SaveBehavior = (_, _) =>
        {
            cts.Cancel();
            return Task.FromException(new LeadWriteConflictException(WriteConflict.LeadChanged));
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now), cts.Token));

        Assert.Single(_h.Saves);
    }

    [Fact]
    public async Task Entries_no_longer_due_are_removed_after_the_save()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        var before = _h.Schedule.DueDates(lead).ToList();
        Assert.Contains(before, e => e.Sweep == SweepKind.DisqualifyNoContact);
        _h.OnLoad(new StoredLead(lead, "e1"));
        var contactAt = _h.Now.AddDays(1);

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", contactAt), CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.Equal(LeadStatus.Connected, outcome.Lead!.Status);
        Assert.Equal(["load", "index.add", "save", "index.remove"], _h.Calls);
        Assert.Equal("e1", Assert.Single(_h.Saves).ExpectedETag);

        // Connected: no no-contact clock and no New SLA any more; the dark clock restarts from the contact.
        var removed = Assert.Single(_h.Removed);
        Assert.Equal(before.OrderBy(e => e.Sweep), removed.OrderBy(e => e.Sweep));
        Assert.Contains(removed, e => e.Sweep == SweepKind.DisqualifyNoContact);
        var added = Assert.Single(_h.Added);
        Assert.Equal([new DueEntry(SweepKind.RecycleDark, _leadId, contactAt.AddDays(90))], added);
    }

    [Fact]
    public async Task Store_unavailable_while_removing_stale_entries_still_reports_the_change_applied()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        _h.OnLoad(new StoredLead(lead, "e1"));
        _h.RemoveBehavior = _ => Task.FromException(new StoreUnavailableException("throttled"));

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now), CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.Single(_h.Saves);
        Assert.Single(_h.Removed);
        Assert.Equal(1, _h.Metrics.Sum("leadfunctions.transitions.applied", ("type", "ContactMade")));
    }

    [Fact]
    public async Task Unchanged_due_dates_remove_nothing()
    {
        // A refused command changes no due date: nothing to add, nothing stale.
        var lead = _h.NewSqlLead(Email, _h.Now);
        _h.OnLoad(new StoredLead(lead, "e1"));

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.DealWon, "evt-1", _h.Now), CancellationToken.None);

        Assert.Equal(OutcomeKind.Rejected, outcome.Kind);
        var save = Assert.Single(_h.Saves);
        Assert.Equal(RejectionCode.StatusNotAllowed, save.Audit.RejectionCode);
        Assert.Equal(lead.Version + 1, save.Lead.Version);
        Assert.Empty(_h.Removed);
        Assert.All(_h.Added, entries => Assert.Empty(entries));
        Assert.Equal(1, _h.Metrics.Sum("leadfunctions.transitions.rejected", ("type", "DealWon"), ("reason", RejectionCode.StatusNotAllowed)));
    }

    [Fact]
    public async Task Store_unavailable_on_save_propagates_and_removes_nothing()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        _h.OnLoad(new StoredLead(lead, "e1"));
        _h.SaveBehavior = (_, _) => Task.FromException(new StoreUnavailableException("down"));

        await Assert.ThrowsAsync<StoreUnavailableException>(
            () => _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now), CancellationToken.None));

        Assert.Single(_h.Saves);
        Assert.Empty(_h.Removed);
    }

    [Fact]
    public async Task Captured_metric_counts_the_form_and_resulting_stage()
    {
        _h.OnLoad(current: null);

        await _h.Processor.ProcessAsync(_leadId, Harness.FormCommand("contact-us", Email, "sub:s-1", _h.Now), CancellationToken.None);

        Assert.Equal(1, _h.Metrics.Sum("leadfunctions.leads.captured", ("form", "contact-us"), ("stage", "SQL"), ("status", "New")));
        Assert.Equal(1, _h.Metrics.Sum("leadfunctions.transitions.applied", ("type", "FormSubmitted")));
    }
}
