using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;

namespace LeadFunctions.Storage.Tests;

public sealed class LeadStoreTests : IDisposable
{
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
    public async Task A_new_lead_costs_one_read_one_index_write_and_one_transaction()
    {
        await _harness.SubmitAsync("whitepaper", "warmup@example.com");
        _harness.Requests.Reset();

        await _harness.SubmitAsync("pricing", "cost@example.com");

        // Read (lead + idempotency row in one query), due-index batch, lead+audit batch.
        Assert.Equal(3, _harness.Requests.Count);
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
            _harness.Store.SaveAsync(stored.Lead with { Version = 2 }, stored.ETag, audit, CancellationToken.None));
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

        Assert.True(await _harness.Store.EraseAsync(lead.LeadId!, CancellationToken.None));

        Assert.Null(await _harness.Store.GetAsync(lead.LeadId!, CancellationToken.None));
        Assert.Empty(await _harness.Store.GetHistoryAsync(lead.LeadId!, CancellationToken.None));
        Assert.False(await _harness.Store.EraseAsync(lead.LeadId!, CancellationToken.None));
    }

    public void Dispose() => _harness.Dispose();
}
