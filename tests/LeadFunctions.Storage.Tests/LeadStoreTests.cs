using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Privacy;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Storage.Tests;

public sealed class LeadStoreTests : IDisposable
{
    private static readonly (string, string)[] GoodFit = [("employees", "250"), ("country", "US"), ("jobTitle", "Director")];

    private readonly StorageHarness _harness = new();

    [Fact]
    public async Task A_new_submission_stores_the_lead_and_its_audit_line_together()
    {
        var result = await _harness.SubmitAsync("pricing", "Ada@Example.com ", "s-1", ("company", "Acme"), ("employees", "200"), ("country", "US"), ("jobTitle", "Director"));

        var stored = await _harness.Store.GetAsync(result.LeadId!, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("ada@example.com", stored.Lead.Person.Email);
        Assert.Equal(LifecycleStage.SQL, stored.Lead.Stage);
        Assert.Equal(LeadStatus.New, stored.Lead.Status);
        var history = await _harness.Store.GetHistoryAsync(result.LeadId!, CancellationToken.None);
        var line = Assert.Single(history);
        Assert.Equal("sub:s-1", line.CommandId);
        Assert.Equal(OutcomeKind.Applied, line.Outcome);
        Assert.Equal(1, line.Sequence);
    }

    [Fact]
    public async Task A_deal_id_is_stored_on_the_lead_and_on_the_deal_command_s_audit_line()
    {
        var lead = await _harness.SubmitAsync("pricing", "deal@example.com");
        await _harness.ApplyAsync(lead.LeadId!, TransitionType.ContactMade);
        await _harness.ApplyAsync(lead.LeadId!, TransitionType.DealCreated, new TransitionData { DealId = "D-77" }, commandId: "deal-1");

        var stored = await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None);
        var history = await _harness.Store.GetHistoryAsync(lead.LeadId!, CancellationToken.None);

        Assert.Equal("D-77", stored!.Lead.DealId);
        Assert.Equal("D-77", Assert.Single(history, h => h.CommandId == "deal-1").DealId);
        Assert.All(history.Where(h => h.CommandId != "deal-1"), h => Assert.Null(h.DealId));
    }

    [Fact]
    public async Task A_new_lead_costs_one_transaction_and_so_does_a_transition_on_a_lead_this_instance_wrote()
    {
        // Clearing the change's published events from the outbox comes later, many changes per partition transaction
        // (LeadEventOutboxTests).
        await _harness.SubmitAsync("whitepaper", "warmup@example.com");

        _harness.Requests.Reset();
        var lead = await _harness.SubmitAsync("pricing", "cost@example.com");
        var newLead = _harness.Requests.Count;

        _harness.Requests.Reset();
        await _harness.ApplyAsync(lead.LeadId!, TransitionType.FirstOutreachSent);
        var transition = _harness.Requests.Count;

        Assert.Equal(1, newLead);
        Assert.Equal(1, transition);
    }

    [Fact]
    public async Task A_lead_and_its_recorded_command_are_read_by_key_without_a_query_and_a_new_person_costs_one_read()
    {
        var lead = await _harness.SubmitAsync("whitepaper", "by-key@example.com", "s-key");
        _harness.Requests.Reset();

        var known = await _harness.Store.LoadForCommandAsync(lead.LeadId!, "sub:s-key", CancellationToken.None);
        var fresh = await _harness.Store.LoadForCommandAsync(lead.LeadId!, "sub:s-other", CancellationToken.None);
        var found = await _harness.Store.FindCommandAsync(lead.LeadId!, "sub:s-key", CancellationToken.None);
        var missing = await _harness.Store.FindCommandAsync(lead.LeadId!, "sub:s-other", CancellationToken.None);
        var (readsForKnownLead, queriesForKnownLead) = (_harness.Requests.Count, _harness.Requests.Queries);
        _harness.Requests.Reset();
        var nobody = await _harness.Store.LoadForCommandAsync("lead-nobody", "sub:s-key", CancellationToken.None);

        Assert.Equal((1, "sub:s-key"), (known.Current!.Lead.Version, known.PriorOutcome!.CommandId));
        Assert.Equal((lead.LeadId, null), (fresh.Current?.Lead.Id, fresh.PriorOutcome));
        Assert.Equal(OutcomeKind.Applied, found!.Outcome);
        Assert.Null(missing);
        Assert.Equal((null, null), (nobody.Current, nobody.PriorOutcome));
        Assert.Equal((6, 0), (readsForKnownLead, queriesForKnownLead));
        Assert.Equal((1, 0), (_harness.Requests.Count, _harness.Requests.Queries));
    }

    [Fact]
    public async Task A_transition_written_by_another_instance_is_read_again_and_never_lost()
    {
        var lead = await _harness.SubmitAsync("pricing", "two-instances@example.com", null, GoodFit);
        var routedTo = (await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None))!.Lead.Owner;
        using var other = _harness.SecondInstance();
        await other.ApplyAsync(lead.LeadId!, TransitionType.FirstOutreachSent);

        await _harness.ApplyAsync(lead.LeadId!, TransitionType.ContactMade);

        var stored = await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None);
        Assert.Equal(3, stored!.Lead.Version);
        Assert.Equal(LeadStatus.Connected, stored.Lead.Status);
        Assert.NotNull(routedTo);
        Assert.Equal(routedTo, stored.Lead.Owner);
    }

    [Fact]
    public async Task The_due_entries_move_with_the_lead_in_the_same_transaction()
    {
        var lead = await _harness.SubmitAsync("pricing", "due@example.com", null, GoodFit);
        var before = (await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None))!.Due;

        await _harness.ApplyAsync(lead.LeadId!, TransitionType.ContactMade);

        var after = (await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None))!.Due;
        Assert.Contains(before, d => d.Sweep == Domain.Sweeps.SweepKind.DisqualifyNoContact);
        Assert.Contains(before, d => d.Sweep == Domain.Sweeps.SweepKind.FlagSlaBreaches);
        Assert.DoesNotContain(after, d => d.Sweep is Domain.Sweeps.SweepKind.DisqualifyNoContact or Domain.Sweeps.SweepKind.FlagSlaBreaches);
        _harness.Clock.Advance(TimeSpan.FromDays(400));
        foreach (var sweep in Enum.GetValues<Domain.Sweeps.SweepKind>())
        {
            var due = await _harness.DueIndex.ReadAllDueAsync(sweep, _harness.Clock.GetUtcNow());
            Assert.Equal(after.Where(d => d.Sweep == sweep).OrderBy(d => d.DueAt), due.Where(d => d.LeadId == lead.LeadId));
        }
    }

    [Fact]
    public async Task A_due_row_already_dropped_does_not_block_the_next_write()
    {
        var lead = await _harness.SubmitAsync("pricing", "dropped@example.com", null, GoodFit);
        var stored = (await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None))!;
        var sla = Assert.Single(stored.Due, d => d.Sweep == Domain.Sweeps.SweepKind.FlagSlaBreaches);
        await _harness.DueIndex.RemoveAsync([sla], CancellationToken.None);

        var outcome = await _harness.ApplyAsync(lead.LeadId!, TransitionType.FirstOutreachSent);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        Assert.Equal(LeadStatus.ActivelyWorking, (await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None))!.Lead.Status);
    }

    [Fact]
    public async Task Rescheduling_moves_only_the_due_entries_and_yields_to_a_newer_write()
    {
        var lead = await _harness.SubmitAsync("pricing", "reschedule@example.com", null, GoodFit);
        var stored = (await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None))!;
        var noContact = Assert.Single(stored.Due, d => d.Sweep == Domain.Sweeps.SweepKind.DisqualifyNoContact);
        var later = noContact with { DueAt = noContact.DueAt.AddDays(15) };
        var moved = stored.Due.Where(d => d != noContact).Append(later).ToList();

        Assert.True(await _harness.Store.RescheduleAsync(stored, moved, CancellationToken.None));
        Assert.False(await _harness.Store.RescheduleAsync(stored, stored.Due, CancellationToken.None));

        var after = (await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None))!;
        Assert.Equal(stored.Lead.Version, after.Lead.Version);
        Assert.Equal(stored.Lead.Status, after.Lead.Status);
        Assert.NotEqual(stored.ETag, after.ETag);
        Assert.Equal(moved.ToHashSet(), after.Due.ToHashSet());
        var due = await _harness.DueIndex.ReadAllDueAsync(Domain.Sweeps.SweepKind.DisqualifyNoContact, later.DueAt);
        Assert.Equal([later], due.Where(d => d.LeadId == lead.LeadId));
    }

    [Fact]
    public async Task A_table_that_disappears_is_a_transient_failure_and_is_created_again()
    {
        await _harness.SubmitAsync("whitepaper", "before@example.com");
        await _harness.Get<Azure.Data.Tables.TableServiceClient>().DeleteTableAsync(_harness.Get<TableProvisioner>().Leads.Name);

        await Assert.ThrowsAsync<StoreUnavailableException>(() => _harness.Intake.HandleAsync(
            "whitepaper", new Dictionary<string, string?> { ["email"] = "during@example.com" }, null, CancellationToken.None));
        var after = await RetryWhileTableIsBeingDeletedAsync(() => _harness.SubmitAsync("whitepaper", "after@example.com"));

        Assert.NotNull(await _harness.Store.GetAsync(after.LeadId!, CancellationToken.None));
    }

    /// <summary>Storage refuses to re-create a table for a short while after deleting it (409 TableBeingDeleted).</summary>
    private static async Task<T> RetryWhileTableIsBeingDeletedAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 409 && attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    [Fact]
    public async Task Replaying_a_submission_id_answers_the_same_and_changes_nothing()
    {
        var first = await _harness.SubmitAsync("whitepaper", "replay@example.com", "same-id");
        var again = await _harness.SubmitAsync("whitepaper", "replay@example.com", "same-id");

        Assert.Equal(first.LeadId, again.LeadId);
        Assert.Equal(first.SubmissionId, again.SubmissionId);
        var stored = await _harness.Store.GetAsync(first.LeadId!, CancellationToken.None);
        Assert.Equal(1, stored!.Lead.Version);
        Assert.Equal(20, stored.Lead.ActivityScore);
        Assert.Single(await _harness.Store.GetHistoryAsync(first.LeadId!, CancellationToken.None));
    }

    [Fact]
    public async Task Fifty_concurrent_submissions_for_one_person_make_one_lead_with_every_submission_applied_once()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            Task.Run(() => _harness.SubmitAsync(i % 2 == 0 ? "newsletter" : "webinar", i % 3 == 0 ? "Storm@Example.com" : "storm@example.com", $"storm-{i}"))));

        var leadId = Assert.Single(results.Select(r => r.LeadId).Distinct());
        var stored = await _harness.Store.GetAsync(leadId!, CancellationToken.None);
        Assert.Equal(50, stored!.Lead.Version);
        Assert.Equal((25 * 5) + (25 * 30), stored.Lead.ActivityScore);
        var history = await _harness.Store.GetHistoryAsync(leadId!, CancellationToken.None);
        Assert.Equal(50, history.Select(h => h.CommandId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), history.Select(h => h.Sequence));
    }

    [Fact]
    public async Task Concurrent_redeliveries_of_one_command_apply_it_once()
    {
        var lead = await _harness.SubmitAsync("pricing", "redeliver@example.com");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            Task.Run(() => _harness.ApplyAsync(lead.LeadId!, TransitionType.ActivityRecorded, new TransitionData { Points = 7 }, commandId: "evt-1"))));

        Assert.Single(outcomes, o => o.Kind == OutcomeKind.Applied);
        Assert.Equal(19, outcomes.Count(o => o.Kind == OutcomeKind.Duplicate));
        var stored = await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None);
        Assert.Equal(50 + 7, stored!.Lead.ActivityScore);
    }

    [Fact]
    public async Task A_write_against_a_stale_etag_is_refused()
    {
        var lead = await _harness.SubmitAsync("whitepaper", "stale@example.com");
        var stored = (await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None))!;
        await _harness.ApplyAsync(lead.LeadId!, TransitionType.ActivityRecorded, new TransitionData { Points = 1 });

        var audit = new AuditRecord("late", TransitionType.ActivityRecorded, OutcomeKind.Applied, null, "rep", null, stored.Lead.CreatedAt, stored.Lead.CreatedAt, stored.Lead.Stage, stored.Lead.Stage, stored.Lead.Status, stored.Lead.Status, 2);
        var conflict = await Assert.ThrowsAsync<LeadWriteConflictException>(() =>
            _harness.Store.SaveAsync(new LeadWrite(LeadCopy.Of(stored.Lead, version: 2), stored.ETag, audit, stored.Due, stored.Due), CancellationToken.None));
        Assert.Equal(WriteConflict.LeadChanged, conflict.Conflict);
        Assert.DoesNotContain(await _harness.Store.GetHistoryAsync(lead.LeadId!, CancellationToken.None), h => h.CommandId == "late");
    }

    [Fact]
    public async Task A_refused_command_is_recorded_and_leaves_the_lead_as_it_was()
    {
        var lead = await _harness.SubmitAsync("whitepaper", "refused@example.com");

        var outcome = await _harness.ApplyAsync(lead.LeadId!, TransitionType.DealWon);

        Assert.Equal(OutcomeKind.Rejected, outcome.Kind);
        var stored = await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None);
        Assert.Equal(LifecycleStage.MQL, stored!.Lead.Stage);
        var history = await _harness.Store.GetHistoryAsync(lead.LeadId!, CancellationToken.None);
        var line = history[^1];
        Assert.Equal(OutcomeKind.Rejected, line.Outcome);
        Assert.Equal(RejectionCode.StatusNotAllowed, line.RejectionCode);
    }

    [Fact]
    public async Task Erasing_a_lead_removes_every_row_about_it()
    {
        var lead = await _harness.SubmitAsync("pricing", "erase@example.com");
        await _harness.ApplyAsync(lead.LeadId!, TransitionType.FirstOutreachSent);

        Assert.True(await _harness.Get<EraseLeadHandler>().EraseAsync(lead.LeadId!, CancellationToken.None));

        Assert.Null(await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None));
        Assert.Empty(await _harness.Store.GetHistoryAsync(lead.LeadId!, CancellationToken.None));
        Assert.False(await _harness.Get<EraseLeadHandler>().EraseAsync(lead.LeadId!, CancellationToken.None));
    }

    public void Dispose() => _harness.Dispose();
}
