using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Transitions;
using LeadFunctions.Functions.Tests.Support;
using LeadFunctions.Functions.Transitions;

namespace LeadFunctions.Functions.Tests.Triggers;

/// <summary>
/// A Table outage while commands are being delivered, on a fake clock: the trigger waits it out inside the delivery,
/// so a one-minute outage loses nothing and dead-letters nothing; a longer one gives messages back, never dead-letters.
/// </summary>
public sealed class TransitionQueueOutageTests : IDisposable
{
    private const int Leads = 20;
    private readonly FunctionsApp _app = new();
    private readonly MessageActions _actions = new();

    public void Dispose() => _app.Dispose();

    private async Task<List<(string LeadId, TransitionCommand Command)>> QueueOneCommandPerLeadAsync(string run)
    {
        var queued = new List<(string, TransitionCommand)>();
        for (var i = 0; i < Leads; i++)
        {
            var leadId = await _app.SubmitPricingFormAsync($"outage-{run}-{i}@acme-analytics.com");
            queued.Add((leadId, new TransitionCommand($"evt:{run}-{i}", TransitionType.FirstOutreachSent, _app.Time.GetUtcNow(), "rep-ann")));
        }

        return queued;
    }

    private Task DeliverAll(IEnumerable<(string LeadId, TransitionCommand Command)> queued) => Task.WhenAll(queued.Select(q =>
        _app.Create<TransitionQueueFunction>().ApplyTransition(
            MessageActions.Message(TransitionJson.Serialize(new TransitionEnvelope(q.LeadId, q.Command)), q.Command.CommandId, q.LeadId),
            _actions.Actions,
            CancellationToken.None)));

    [Fact]
    public async Task A_sixty_second_outage_loses_no_command_and_dead_letters_none()
    {
        var queued = await QueueOneCommandPerLeadAsync("minute");
        _app.Store.Until = _app.Time.GetUtcNow().AddSeconds(60);

        await _app.Time.DriveAsync(DeliverAll(queued), TimeSpan.FromMinutes(10));

        Assert.True(_app.Store.Refused >= Leads, "the outage was not felt");
        Assert.Equal(Leads, _actions.Settlements.Count(s => s.Kind == "complete"));
        Assert.DoesNotContain(_actions.Settlements, s => s.Kind != "complete");
        foreach (var (leadId, _) in queued)
        {
            var stored = await _app.Store.GetAsync(leadId, CancellationToken.None);
            Assert.Equal(LeadStatus.ActivelyWorking, stored!.Lead.Status);
        }
    }

    [Fact]
    public async Task An_outage_past_the_budget_gives_every_message_back_and_dead_letters_none()
    {
        var queued = await QueueOneCommandPerLeadAsync("hour");
        var started = _app.Time.GetUtcNow();
        _app.Store.Until = started.AddHours(1);

        await _app.Time.DriveAsync(DeliverAll(queued), TimeSpan.FromMinutes(10));

        Assert.Equal(Leads, _actions.Settlements.Count(s => s.Kind == "abandon"));
        Assert.DoesNotContain(_actions.Settlements, s => s.Kind == "dead-letter");

        // Held for the budget (4 minutes by default), inside the 5 minutes host.json renews the session lock for.
        Assert.InRange(_app.Time.GetUtcNow() - started, TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(5));
        Assert.Contains(_app.Logs.Entries, e => e.Contains("giving back the command for lead", StringComparison.Ordinal));
    }
}
