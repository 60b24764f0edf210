using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Processing;
using LeadFunctions.Engine.Tests.Support;
using LeadFunctions.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace LeadFunctions.Engine.Tests.Processing;

public sealed class LeadCommandProcessorTests : IDisposable
{
    private const string Email = "ana@acme.example";
    private static readonly string _leadId = Harness.LeadIdOf(Email);
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    private static IEnumerable<DueEntry> Sorted(IEnumerable<DueEntry> entries) => entries.OrderBy(e => e.Sweep).ThenBy(e => e.DueAt);

    private void AssertCached(Lead lead, string etag)
    {
        Assert.True(_h.Cache.TryGet(lead.Id, out var cached));
        Assert.Same(lead, cached.Lead);
        Assert.Equal(etag, cached.ETag);
        Assert.Equal(Sorted(_h.Schedule.DueDates(lead)), Sorted(cached.Due));
    }

    // ---- Inserts: a submission from a person the store may not know is tried as an insert, without a read ----

    [Fact]
    public async Task Form_submission_from_an_unknown_person_is_inserted_without_a_read_and_with_its_audit_record()
    {
        _h.OnLoad(current: null);
        var command = Harness.FormCommand("whitepaper", Email, "sub:s-1", _h.Now);

        var outcome = await _h.Processor.ProcessAsync(_leadId, command, CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.False(outcome.IsUnknownLead);
        Assert.Empty(_h.Loads);
        _h.Store.Verify(s => s.LoadForCommandAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Equal(["save"], _h.Calls);
        var save = Assert.Single(_h.Saves);
        Assert.Null(save.ExpectedETag);
        Assert.Equal(_leadId, save.Lead.Id);
        Assert.Equal(LifecycleStage.MQL, save.Lead.Stage);
        Assert.Equal(LeadStatus.Nurturing, save.Lead.Status);
        Assert.Equal(1, save.Lead.Version);
        Assert.Equal("sub:s-1", save.Audit.CommandId);
        Assert.Equal(TransitionType.FormSubmitted, save.Audit.Type);
        Assert.Equal(OutcomeKind.Applied, save.Audit.Outcome);
        Assert.Null(save.Audit.FromStage);
        Assert.Null(save.Audit.FromStatus);
        Assert.Equal(LifecycleStage.MQL, save.Audit.ToStage);
        Assert.Equal(1, save.Audit.Sequence);
        Assert.Equal(_h.Now, save.Audit.RecordedAt);
        Assert.Same(save.Audit, outcome.Audit);
        Assert.Same(save.Lead, outcome.Lead);
        AssertCached(save.Lead, Harness.SavedETag(1));
    }

    [Fact]
    public async Task New_sql_lead_is_saved_with_its_exact_due_entries_in_the_same_write()
    {
        var now = _h.Now;
        _h.OnLoad(current: null);

        await _h.Processor.ProcessAsync(_leadId, Harness.FormCommand("contact-us", Email, "sub:s-1", now), CancellationToken.None);

        // A new person's hand-raise is placed with a rep on the guess that nobody knows them, and written once.
        Assert.Equal(["save"], _h.Calls);
        var save = Assert.Single(_h.Saves);
        Assert.Null(save.ExpectedETag);
        Assert.Equal(save.Lead.Assignment!.Rep, save.Lead.Owner);
        Assert.Equal(save.Lead.Assignment, save.Audit.Assignment);
        Assert.Empty(save.DueBefore);
        DueEntry[] expected =
        [
            new(SweepKind.DisqualifyNoContact, _leadId, now.AddDays(30)),
            new(SweepKind.RecycleDark, _leadId, now.AddDays(90)),
            new(SweepKind.FlagSlaBreaches, _leadId, new DateTimeOffset(2026, 3, 5, 2, 0, 0, TimeSpan.Zero)), // the SLA warning, 8 hours before the breach
        ];
        Assert.Equal(expected, save.DueAfter.OrderBy(e => e.Sweep));
        Assert.Empty(_h.Removed);
        _h.Index.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task A_known_persons_hand_raise_guessed_new_gives_back_the_turn_its_owned_lead_did_not_need()
    {
        var now = _h.Now;
        var applied = _h.Machine.Apply(_leadId, null, Harness.FormCommand("contact-us", Email, "sub:seed", now), now);
        var owned = StateMachine.Assign(applied, new Assignment("inbound-sales", null, "rep-cat", "seed", now, [])).Lead;
        _h.OnLoad(_h.StoredAs(owned, "e1"));
        _h.SaveBehavior = (n, _) => n == 1 ? Task.FromException(new LeadWriteConflictException(WriteConflict.LeadChanged)) : Task.CompletedTask;

        // This instance does not know the person: the first try inserts, and places the lead with a rep on that guess.
        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.FormCommand("pricing", Email, "sub:again", now), CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.Equal(["save", "load", "save"], _h.Calls);
        Assert.NotNull(_h.Saves[0].Lead.Owner);
        Assert.Equal("rep-cat", _h.Saves[1].Lead.Owner);
        Assert.Null(_h.Saves[1].Audit.Assignment);

        // The stored lead kept its rep, so the turn the guess took is back: nobody is a lead ahead or behind.
        Assert.Empty(_h.Rotation.Recent);
        Assert.All(_h.Rotation.Counts.Values, count => Assert.Equal(0, count));
    }

    [Fact]
    public async Task A_guess_that_was_right_keeps_its_turn()
    {
        _h.OnLoad(current: null);

        await _h.Processor.ProcessAsync(_leadId, Harness.FormCommand("pricing", Email, "sub:new", _h.Now), CancellationToken.None);

        var pick = Assert.Single(_h.Rotation.Recent);
        Assert.Equal(("sub:new", _h.Saves[0].Lead.Owner), (pick.PickId, pick.Rep));
        Assert.Equal(1, _h.Rotation.Counts[pick.Rep]);
    }

    [Fact]
    public async Task Insert_guess_is_a_single_store_call_by_strict_mocks()
    {
        // The same claim, checked with Moq's own bookkeeping: one SaveAsync carrying lead, audit and due entries, nothing else.
        var store = new Mock<ILeadStore>(MockBehavior.Strict);
        var index = new Mock<IDueIndex>(MockBehavior.Strict);
        store.Setup(s => s.SaveAsync(
                It.Is<LeadWrite>(w => w.ExpectedETag == null && w.Lead.Id == _leadId && w.Audit.CommandId == "sub:s-1" && w.DueBefore.Count == 0 && w.DueAfter.Count == 1),
                It.IsAny<CancellationToken>()))
            .ReturnsAsync("e1");
        var cache = new LeadStateCache(_h.Time);
        var processor = new LeadCommandProcessor(store.Object, _h.Machine, _h.Schedule, cache, _h.Assigner, _h.Relay, _h.Time, _h.Telemetry, NullLogger<LeadCommandProcessor>.Instance);

        var outcome = await processor.ProcessAsync(_leadId, Harness.FormCommand("whitepaper", Email, "sub:s-1", _h.Now), CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        store.Verify(s => s.SaveAsync(It.IsAny<LeadWrite>(), It.IsAny<CancellationToken>()), Times.Once);
        store.VerifyNoOtherCalls();
        index.VerifyNoOtherCalls();
        Assert.True(cache.TryGet(_leadId, out var cached));
        Assert.Equal("e1", cached.ETag);
        Assert.Same(outcome.Lead, cached.Lead);
    }

    [Fact]
    public async Task Optimistic_insert_that_conflicts_loads_and_retries_at_once_with_the_loaded_etag_and_due()
    {
        var existing = _h.NewMqlLead(Email, _h.Now.AddDays(-2));
        var stored = _h.StoredAs(existing, "e7");
        _h.OnLoad(stored);
        using var cts = new CancellationTokenSource();
        _h.SaveBehavior = (n, _) =>
        {
            if (n == 1)
            {
                // Any backoff delay would now throw; a wrong guess must retry at once.
                cts.Cancel();
                return Task.FromException(new LeadWriteConflictException(WriteConflict.LeadChanged));
            }

            return Task.CompletedTask;
        };

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.FormCommand("whitepaper", Email, "sub:s-2", _h.Now), cts.Token);

        Assert.NotNull(outcome.Kind);
        Assert.NotEqual(OutcomeKind.Duplicate, outcome.Kind);
        Assert.Equal(["save", "load", "save"], _h.Calls);
        Assert.Equal([(_leadId, "sub:s-2")], _h.Loads);
        Assert.Null(_h.Saves[0].ExpectedETag);
        Assert.Empty(_h.Saves[0].DueBefore);
        Assert.Equal("e7", _h.Saves[1].ExpectedETag);
        Assert.Equal(Sorted(stored.Due), Sorted(_h.Saves[1].DueBefore));
        Assert.Equal(Sorted(_h.Schedule.DueDates(_h.Saves[1].Lead)), Sorted(_h.Saves[1].DueAfter));
        Assert.Equal(existing.Version + 1, _h.Saves[1].Lead.Version);
        Assert.Equal(existing.Version + 1, _h.Saves[1].Audit.Sequence);
        AssertCached(_h.Saves[1].Lead, Harness.SavedETag(2));
    }

    [Fact]
    public async Task Store_outage_on_the_insert_guess_propagates_and_caches_nothing()
    {
        _h.OnLoad(current: null);
        _h.SaveBehavior = (_, _) => Task.FromException(new StoreUnavailableException("down"));

        await Assert.ThrowsAsync<StoreUnavailableException>(
            () => _h.Processor.ProcessAsync(_leadId, Harness.FormCommand("whitepaper", Email, "sub:s-1", _h.Now), CancellationToken.None));

        Assert.Equal(["save"], _h.Calls);
        Assert.False(_h.Cache.TryGet(_leadId, out _));
        Assert.Equal(0, _h.Metrics.Sum("leadfunctions.transitions.applied"));
    }

    // ---- The cache: a lead this processor just wrote is written against its cached version ----

    [Fact]
    public async Task Second_command_for_a_lead_just_written_skips_the_read_and_uses_the_returned_etag()
    {
        _h.OnLoad(current: null);
        var first = await _h.Processor.ProcessAsync(_leadId, Harness.FormCommand("whitepaper", Email, "sub:s-1", _h.Now), CancellationToken.None);
        var contactAt = _h.Now.AddHours(2);

        var second = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", contactAt), CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, second.Kind);
        Assert.Empty(_h.Loads);
        Assert.Equal(["save", "save"], _h.Calls);
        Assert.Equal([null, Harness.SavedETag(1)], _h.Saves.Select(s => s.ExpectedETag));
        Assert.Equal(Sorted(_h.Saves[0].DueAfter), Sorted(_h.Saves[1].DueBefore));
        Assert.Equal(first.Lead!.Version + 1, second.Lead!.Version);
        Assert.Equal(LeadStatus.Connected, second.Lead.Status);
        Assert.Equal([new DueEntry(SweepKind.RecycleDark, _leadId, contactAt.AddDays(90))], _h.Saves[1].DueAfter);
        AssertCached(second.Lead, Harness.SavedETag(2));
    }

    [Fact]
    public async Task Refused_command_still_caches_the_recorded_version()
    {
        // A refusal is recorded and bumps the version, so the next command must be written against the new tag.
        _h.Cache.Remember(_h.StoredAs(_h.NewSqlLead(Email, _h.Now), "e1"));

        var refused = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.DealWon, "evt-1", _h.Now), CancellationToken.None);
        await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-2", _h.Now), CancellationToken.None);

        Assert.Equal(OutcomeKind.Rejected, refused.Kind);
        Assert.Equal(["e1", Harness.SavedETag(1)], _h.Saves.Select(s => s.ExpectedETag));
        Assert.Equal(refused.Lead!.Version + 1, _h.Saves[1].Lead.Version);
    }

    [Fact]
    public async Task Conflict_on_the_cached_path_forgets_the_cache_reloads_and_retries_at_once()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        _h.Cache.Remember(_h.StoredAs(lead, "e1"));
        var changedMeanwhile = LeadCopy.Of(lead, version: lead.Version + 3);
        var reloaded = _h.StoredAs(changedMeanwhile, "e2");
        bool? cachedAtLoad = null;
        _h.OnLoad((leadId, commandId) =>
        {
            cachedAtLoad = _h.Cache.TryGet(leadId, out _);
            return new LeadLoad(reloaded, null);
        });
        using var cts = new CancellationTokenSource();
        _h.SaveBehavior = (n, _) =>
        {
            if (n == 1)
            {
                cts.Cancel();
                return Task.FromException(new LeadWriteConflictException(WriteConflict.LeadChanged));
            }

            return Task.CompletedTask;
        };

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now.AddHours(1)), cts.Token);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.False(cachedAtLoad);
        Assert.Equal(["save", "load", "save"], _h.Calls);
        Assert.Equal(["e1", "e2"], _h.Saves.Select(s => s.ExpectedETag));
        Assert.Equal(Sorted(_h.Schedule.DueDates(lead)), Sorted(_h.Saves[0].DueBefore));
        Assert.Equal(Sorted(reloaded.Due), Sorted(_h.Saves[1].DueBefore));
        Assert.Equal(changedMeanwhile.Version + 1, outcome.Lead!.Version);
        AssertCached(outcome.Lead, Harness.SavedETag(2));
    }

    [Fact]
    public async Task Duplicate_command_on_the_cached_path_returns_the_recorded_outcome()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        _h.Cache.Remember(_h.StoredAs(lead, "e1"));
        var prior = new AuditRecord("evt-1", TransitionType.ContactMade, OutcomeKind.Applied, null, "rep:sam", null,
            _h.Now, _h.Now, LifecycleStage.SQL, LifecycleStage.SQL, LeadStatus.New, LeadStatus.Connected, lead.Version + 1);
        _h.OnLoad(_h.StoredAs(lead, "e2"), prior);
        _h.SaveBehavior = (_, _) => Task.FromException(new LeadWriteConflictException(WriteConflict.CommandAlreadyRecorded));

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now), CancellationToken.None);

        Assert.Equal(OutcomeKind.Duplicate, outcome.Kind);
        Assert.Same(prior, outcome.Audit);
        Assert.Equal(["save", "load"], _h.Calls);
        Assert.Equal("e1", Assert.Single(_h.Saves).ExpectedETag);
        Assert.False(_h.Cache.TryGet(_leadId, out _));
        Assert.Equal(1, _h.Metrics.Sum("leadfunctions.transitions.duplicates", ("type", "ContactMade")));
        Assert.Equal(0, _h.Metrics.Sum("leadfunctions.transitions.applied"));
    }

    [Fact]
    public async Task Cached_lead_erased_elsewhere_is_unknown_lead_after_the_reload()
    {
        _h.Cache.Remember(_h.StoredAs(_h.NewSqlLead(Email, _h.Now), "e1"));
        _h.OnLoad(current: null);
        _h.SaveBehavior = (_, _) => Task.FromException(new LeadWriteConflictException(WriteConflict.LeadChanged));

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now), CancellationToken.None);

        Assert.Same(CommandOutcome.UnknownLead, outcome);
        Assert.Equal(["save", "load"], _h.Calls);
        Assert.False(_h.Cache.TryGet(_leadId, out _));
    }

    // ---- Reads: commands that cannot create a lead and are not cached read first ----

    [Fact]
    public async Task Non_form_command_for_a_lead_not_in_cache_loads_first_and_saves_against_the_loaded_version()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        var stored = _h.StoredAs(lead, "e1");
        _h.OnLoad(stored);
        _h.Cache.Remember(_h.StoredAs(_h.NewSqlLead("other@acme.example", _h.Now), "x9")); // another lead's entry does not help

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now), CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.Equal(["load", "save"], _h.Calls);
        Assert.Equal([(_leadId, "evt-1")], _h.Loads);
        var save = Assert.Single(_h.Saves);
        Assert.Equal("e1", save.ExpectedETag);
        Assert.Equal(Sorted(stored.Due), Sorted(save.DueBefore));
        AssertCached(outcome.Lead!, Harness.SavedETag(1));
    }

    [Fact]
    public async Task Recorded_command_id_returns_duplicate_and_writes_nothing()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        var prior = new AuditRecord("evt-1", TransitionType.ContactMade, OutcomeKind.Applied, null, "rep:sam", null,
            _h.Now, _h.Now, LifecycleStage.SQL, LifecycleStage.SQL, LeadStatus.New, LeadStatus.Connected, 2);
        _h.OnLoad(_h.StoredAs(lead, "e1"), prior);

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now), CancellationToken.None);

        Assert.Equal(OutcomeKind.Duplicate, outcome.Kind);
        Assert.Same(prior, outcome.Audit);
        Assert.Same(lead, outcome.Lead);
        Assert.Equal(["load"], _h.Calls);
        Assert.Empty(_h.Saves);
        Assert.Empty(_h.Removed);
        _h.Index.VerifyNoOtherCalls();
        Assert.Equal(1, _h.Metrics.Sum("leadfunctions.transitions.duplicates", ("type", "ContactMade")));
        Assert.Equal(0, _h.Metrics.Sum("leadfunctions.transitions.applied"));
    }

    // ---- Command first: a command probably recorded before looks its audit line up by key ----

    [Fact]
    public async Task Command_first_finds_a_recorded_command_with_one_look_up_and_no_write()
    {
        var prior = new AuditRecord("imp:research:x", TransitionType.LeadImported, OutcomeKind.Applied, null, "import:research", null,
            _h.Now, _h.Now, null, LifecycleStage.SQL, null, LeadStatus.New, 1);
        _h.OnFindCommand(prior);
        _h.Cache.Remember(_h.StoredAs(_h.NewSqlLead(Email, _h.Now), "e1")); // a cached lead is no reason to try a write

        var outcome = await _h.Processor.ProcessAsync(_leadId, ImportCommand("imp:research:x"), publishNow: false, FirstLook.CommandFirst, CancellationToken.None);

        Assert.Equal(OutcomeKind.Duplicate, outcome.Kind);
        Assert.Same(prior, outcome.Audit);
        Assert.Equal(["find"], _h.Calls);
        Assert.Empty(_h.Saves);
        Assert.Equal(1, _h.Metrics.Sum("leadfunctions.transitions.duplicates", ("type", "LeadImported")));
    }

    [Fact]
    public async Task Command_first_reads_the_lead_when_the_command_is_new_and_writes_against_its_version()
    {
        var stored = _h.StoredAs(_h.NewMqlLead(Email, _h.Now), "e1");
        _h.OnFindCommand(recorded: null);
        _h.OnGet(_leadId, stored);

        var outcome = await _h.Processor.ProcessAsync(_leadId, ImportCommand("imp:research:y"), publishNow: false, FirstLook.CommandFirst, CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.Equal(["find", "save"], _h.Calls);
        _h.Store.Verify(s => s.GetAsync(_leadId, It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal("e1", Assert.Single(_h.Saves).ExpectedETag);
    }

    private TransitionCommand ImportCommand(string commandId)
        => Harness.Command(TransitionType.LeadImported, commandId, _h.Now, "import:research",
            new TransitionData { Import = new Domain.LeadImports.LeadImport(Domain.LeadImports.ImportSource.Research, new FormSubmission("research", Harness.GoodFit(Email), null, null, null, Consent: false)) });

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
        Assert.Equal([(_leadId, "evt-1")], _h.Loads);
        Assert.False(_h.Cache.TryGet(_leadId, out _));
        _h.Index.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Form_submission_for_a_form_the_playbook_lacks_reads_creates_nothing_and_does_not_crash()
    {
        // Intake checks the form, but queued or replayed commands reach the processor directly
        // (e.g. a form removed from the playbook after the message was queued). It cannot create a lead, so no insert guess.
        _h.OnLoad(current: null);

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.FormCommand("retired-form", Email, "sub:s-1", _h.Now), CancellationToken.None);

        Assert.NotEqual(OutcomeKind.Applied, outcome.Kind);
        Assert.Equal(["load"], _h.Calls);
        Assert.Empty(_h.Saves);
    }

    [Fact]
    public async Task Write_conflict_reloads_decides_again_and_saves_with_the_new_etag_and_due()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        var changedMeanwhile = LeadCopy.Of(lead, version: lead.Version + 5);
        var second = _h.StoredAs(changedMeanwhile, "e2");
        var loads = 0;
        _h.OnLoad((_, _) => ++loads == 1 ? new LeadLoad(_h.StoredAs(lead, "e1"), null) : new LeadLoad(second, null));
        _h.SaveBehavior = (n, _) => n == 1 ? Task.FromException(new LeadWriteConflictException(WriteConflict.LeadChanged)) : Task.CompletedTask;

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now.AddHours(1)), CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.Equal(["e1", "e2"], _h.Saves.Select(s => s.ExpectedETag));
        Assert.Equal(Sorted(second.Due), Sorted(_h.Saves[1].DueBefore));
        Assert.Equal(changedMeanwhile.Version + 1, _h.Saves[1].Audit.Sequence);
        Assert.Equal(changedMeanwhile.Version + 1, outcome.Lead!.Version);
        Assert.Equal(["load", "save", "load", "save"], _h.Calls);
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
        _h.OnLoad((_, _) => ++loads == 1 ? new LeadLoad(_h.StoredAs(lead, "e1"), null) : new LeadLoad(_h.StoredAs(lead, "e2"), prior));
        _h.SaveBehavior = (_, _) => Task.FromException(new LeadWriteConflictException(WriteConflict.CommandAlreadyRecorded));

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now), CancellationToken.None);

        Assert.Equal(OutcomeKind.Duplicate, outcome.Kind);
        Assert.Same(prior, outcome.Audit);
        Assert.Single(_h.Saves);
        Assert.Empty(_h.Removed);
    }

    [Fact]
    public async Task Conflicts_on_every_attempt_surface_after_max_attempts()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        _h.OnLoad(_h.StoredAs(lead, "e1"));
        _h.SaveBehavior = (_, _) => Task.FromException(new LeadWriteConflictException(WriteConflict.LeadChanged));

        await Assert.ThrowsAsync<LeadWriteConflictException>(
            () => _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now), CancellationToken.None));

        Assert.Equal(LeadCommandProcessor.MaxAttempts, _h.Saves.Count);
        Assert.Equal(LeadCommandProcessor.MaxAttempts, _h.Loads.Count);
        Assert.Empty(_h.Removed);
        Assert.False(_h.Cache.TryGet(_leadId, out _));
        Assert.Equal(0, _h.Metrics.Sum("leadfunctions.transitions.applied"));
    }

    [Fact]
    public async Task Cancellation_during_conflict_backoff_stops_the_retries()
    {
        // A conflict after a real read is contention, so the processor backs off; a cancelled token ends the wait.
        var lead = _h.NewSqlLead(Email, _h.Now);
        _h.OnLoad(_h.StoredAs(lead, "e1"));
        using var cts = new CancellationTokenSource();
        _h.SaveBehavior = (_, _) =>
        {
            cts.Cancel();
            return Task.FromException(new LeadWriteConflictException(WriteConflict.LeadChanged));
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now), cts.Token));

        Assert.Single(_h.Saves);
        Assert.Single(_h.Loads);
    }

    // ---- Due entries move with the lead, in the same write ----

    [Fact]
    public async Task Due_entries_no_longer_due_leave_in_the_same_write_as_the_change()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        var stored = _h.StoredAs(lead, "e1");
        Assert.Contains(stored.Due, e => e.Sweep == SweepKind.DisqualifyNoContact);
        _h.OnLoad(stored);
        var contactAt = _h.Now.AddDays(1);

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", contactAt), CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.Equal(LeadStatus.Connected, outcome.Lead!.Status);
        Assert.Equal(["load", "save"], _h.Calls);
        var save = Assert.Single(_h.Saves);
        Assert.Equal("e1", save.ExpectedETag);

        // Connected: no no-contact clock and no New SLA any more; the dark clock restarts from the contact.
        Assert.Equal(Sorted(stored.Due), Sorted(save.DueBefore));
        Assert.Equal([new DueEntry(SweepKind.RecycleDark, _leadId, contactAt.AddDays(90))], save.DueAfter);
        Assert.Empty(_h.Removed);
        _h.Index.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Due_before_and_after_differ_exactly_by_the_entry_the_command_answers()
    {
        // An SLA breach of a lead nobody owns only flags it: its SLA entry (still the missed warning's) goes, the
        // no-contact and dark clocks stay as they were.
        var lead = _h.NewSqlLead(Email, _h.Now);
        var stored = _h.StoredAs(lead, "e1");
        var sla = Assert.Single(stored.Due, e => e.Sweep == SweepKind.FlagSlaBreaches);
        _h.OnLoad(stored);

        var breach = sla.DueAt.AddHours(Harness.Playbook.SlaFor(LeadStatus.New)!.WarnBeforeHours);
        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.SlaBreached, "sweep:sla", breach, "sweep:flag-sla-breaches"), CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        var save = Assert.Single(_h.Saves);
        Assert.Equal([sla], save.DueBefore.Except(save.DueAfter));
        Assert.Empty(save.DueAfter.Except(save.DueBefore));
        Assert.Equal(stored.Due.Count - 1, save.DueAfter.Count);
        Assert.Empty(_h.Removed);
    }

    [Fact]
    public async Task Refused_command_keeps_the_due_entries_as_they_were()
    {
        // A refused command changes no due date: the write carries the same entries before and after.
        var lead = _h.NewSqlLead(Email, _h.Now);
        var stored = _h.StoredAs(lead, "e1");
        _h.OnLoad(stored);

        var outcome = await _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.DealWon, "evt-1", _h.Now), CancellationToken.None);

        Assert.Equal(OutcomeKind.Rejected, outcome.Kind);
        var save = Assert.Single(_h.Saves);
        Assert.Equal(RejectionCode.StatusNotAllowed, save.Audit.RejectionCode);
        Assert.Equal(lead.Version + 1, save.Lead.Version);
        Assert.Equal(Sorted(stored.Due), Sorted(save.DueBefore));
        Assert.Equal(Sorted(save.DueBefore), Sorted(save.DueAfter));
        Assert.Empty(_h.Removed);
        Assert.Equal(1, _h.Metrics.Sum("leadfunctions.transitions.rejected", ("type", "DealWon"), ("reason", RejectionCode.StatusNotAllowed)));
    }

    [Fact]
    public async Task Store_unavailable_on_save_propagates_removes_nothing_and_leaves_no_cache_entry()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        _h.OnLoad(_h.StoredAs(lead, "e1"));
        _h.SaveBehavior = (_, _) => Task.FromException(new StoreUnavailableException("down"));

        await Assert.ThrowsAsync<StoreUnavailableException>(
            () => _h.Processor.ProcessAsync(_leadId, Harness.Command(TransitionType.ContactMade, "evt-1", _h.Now), CancellationToken.None));

        Assert.Single(_h.Saves);
        Assert.Empty(_h.Removed);
        Assert.False(_h.Cache.TryGet(_leadId, out _));
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
