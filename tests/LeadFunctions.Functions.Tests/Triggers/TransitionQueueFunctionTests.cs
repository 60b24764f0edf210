using System.Text;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Transitions;
using LeadFunctions.Functions.Tests.Support;
using LeadFunctions.Functions.Transitions;

namespace LeadFunctions.Functions.Tests.Triggers;

/// <summary>
/// The Service Bus trigger called as the worker calls it: a received message from ServiceBusModelFactory and a mocked
/// ServiceBusMessageActions, over the real engine and a real table in Azurite.
/// </summary>
public sealed class TransitionQueueFunctionTests : IDisposable
{
    private readonly FunctionsApp _app = new();
    private readonly MessageActions _actions = new();

    public void Dispose() => _app.Dispose();

    private TransitionCommand Command(string id, TransitionType type) => new("evt:" + id, type, _app.Time.GetUtcNow(), "rep-ann");

    private static byte[] Body(string leadId, TransitionCommand command) => TransitionJson.Serialize(new TransitionEnvelope(leadId, command));

    private Task Deliver(byte[] body, string messageId, string? sessionId = null, int deliveryCount = 1)
        => _app.Create<TransitionQueueFunction>().ApplyTransition(MessageActions.Message(body, messageId, sessionId, deliveryCount), _actions.Actions, CancellationToken.None);

    private async Task<StoredLead> Lead(string leadId) => await _app.Services.GetRequiredStore().GetAsync(leadId, CancellationToken.None)
        ?? throw new InvalidOperationException("The lead is gone.");

    [Fact]
    public async Task An_applied_command_is_completed_and_changes_the_lead()
    {
        var leadId = await _app.SubmitPricingFormAsync("applied@acme-analytics.com");
        var command = Command("applied", TransitionType.FirstOutreachSent);

        await Deliver(Body(leadId, command), command.CommandId, leadId);

        Assert.Equal([new Settlement(command.CommandId, "complete", null)], _actions.Settlements);
        Assert.Equal(LeadStatus.ActivelyWorking, (await Lead(leadId)).Lead.Status);
    }

    [Fact]
    public async Task A_refused_command_is_recorded_and_completed_not_retried()
    {
        var leadId = await _app.SubmitPricingFormAsync("refused@acme-analytics.com");
        var command = Command("refused", TransitionType.DealWon);

        await Deliver(Body(leadId, command), command.CommandId, leadId);

        Assert.Equal([new Settlement(command.CommandId, "complete", null)], _actions.Settlements);
        var history = await _app.Services.GetRequiredStore().GetHistoryAsync(leadId, CancellationToken.None);
        Assert.Contains(history, line => line.CommandId == command.CommandId && line.Outcome == OutcomeKind.Rejected);
        Assert.Equal(LeadStatus.New, (await Lead(leadId)).Lead.Status);
    }

    [Fact]
    public async Task A_redelivered_command_is_completed_again_and_applied_once()
    {
        var leadId = await _app.SubmitPricingFormAsync("redelivered@acme-analytics.com");
        var command = Command("redelivered", TransitionType.ContactMade);

        await Deliver(Body(leadId, command), command.CommandId, leadId);
        await Deliver(Body(leadId, command), command.CommandId, leadId, deliveryCount: 2);

        Assert.Equal(["complete", "complete"], _actions.Settlements.Select(s => s.Kind));
        var history = await _app.Services.GetRequiredStore().GetHistoryAsync(leadId, CancellationToken.None);
        Assert.Single(history, line => line.CommandId == command.CommandId);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_dead_lettered_with_the_reason()
    {
        await Deliver(Encoding.UTF8.GetBytes("{not json"), "poison-json");

        var settlement = Assert.Single(_actions.Settlements);
        Assert.Equal("dead-letter", settlement.Kind);
        Assert.StartsWith("Unreadable message body", settlement.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_type_is_dead_lettered_with_the_reason()
    {
        var leadId = await _app.SubmitPricingFormAsync("unknown-type@acme-analytics.com");
        var body = Encoding.UTF8.GetBytes(
            $$$"""{"leadId":"{{{leadId}}}","command":{"commandId":"evt:x","type":"Teleported","occurredAt":"2026-03-02T10:00:00Z","actor":"rep-ann"}}""");

        await Deliver(body, "poison-type", leadId);

        var settlement = Assert.Single(_actions.Settlements);
        Assert.Equal("dead-letter", settlement.Kind);
        Assert.StartsWith("Unreadable message body at $.command.type", settlement.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_missing_its_actor_is_dead_lettered_with_the_reason()
    {
        var leadId = await _app.SubmitPricingFormAsync("no-actor@acme-analytics.com");
        var body = Encoding.UTF8.GetBytes(
            $$$"""{"leadId":"{{{leadId}}}","command":{"commandId":"evt:y","type":"ContactMade","occurredAt":"2026-03-02T10:00:00Z"}}""");

        await Deliver(body, "poison-fields", leadId);

        var settlement = Assert.Single(_actions.Settlements);
        Assert.Equal("dead-letter", settlement.Kind);
        Assert.StartsWith("Unreadable message body", settlement.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_for_no_lead_is_dead_lettered_as_unknown_lead()
    {
        const string NoSuchLead = "ld-000000000000000000000001";
        var command = Command("orphan", TransitionType.ContactMade);

        await Deliver(Body(NoSuchLead, command), command.CommandId, NoSuchLead);

        Assert.Equal([new Settlement(command.CommandId, "dead-letter", "unknown-lead")], _actions.Settlements);
    }
}
