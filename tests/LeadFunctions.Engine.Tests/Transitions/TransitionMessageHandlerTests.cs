using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Tests.Support;
using LeadFunctions.Engine.Transitions;

namespace LeadFunctions.Engine.Tests.Transitions;

public sealed class TransitionMessageHandlerTests : IDisposable
{
    private const string Email = "ana@acme.example";
    private static readonly string _leadId = Harness.LeadIdOf(Email);
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    private byte[] Message(TransitionType type, string commandId = "evt-1", TransitionData? data = null)
        => TransitionJson.Serialize(new TransitionEnvelope(_leadId, Harness.Command(type, commandId, _h.Now.AddHours(1), data: data)));

    private Task<MessageHandling> Handle(byte[] body) => _h.MessageHandler.HandleAsync(body, CancellationToken.None);

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"leadId\":\"ld-0123456789abcdefghjkmnpq\"}")]
    [InlineData("")]
    public async Task Unreadable_message_is_dead_lettered_with_a_reason_and_touches_no_lead(string body)
    {
        var handling = await Handle(TransitionJsonTests.Utf8(body));

        Assert.Equal(MessageSettlement.DeadLetter, handling.Settlement);
        Assert.False(string.IsNullOrWhiteSpace(handling.Reason));
        Assert.Null(handling.Outcome);
        Assert.Empty(_h.Calls);
    }

    [Fact]
    public async Task Binary_garbage_is_dead_lettered()
    {
        var handling = await Handle([0xFF, 0xFE, 0x00, 0x01]);

        Assert.Equal(MessageSettlement.DeadLetter, handling.Settlement);
        Assert.StartsWith("Unreadable message body", handling.Reason, StringComparison.Ordinal);
        Assert.Empty(_h.Calls);
    }

    [Theory]
    [InlineData("type")]
    [InlineData("occurredAt")]
    [InlineData("actor")]
    public async Task Message_missing_a_required_command_field_is_dead_lettered_and_touches_no_lead(string missing)
    {
        _h.OnLoad(_h.StoredAs(_h.NewSqlLead(Email, _h.Now), "e1"));

        var handling = await Handle(TransitionJsonTests.Utf8(TransitionJsonTests.CommandJsonWithout(missing).Replace(TransitionJsonTests.LeadId, _leadId, StringComparison.Ordinal)));

        Assert.Equal(MessageSettlement.DeadLetter, handling.Settlement);
        Assert.False(string.IsNullOrWhiteSpace(handling.Reason));
        Assert.Empty(_h.Saves);
    }

    [Fact]
    public async Task Form_submission_without_a_submission_for_an_unknown_lead_is_dead_lettered_not_thrown()
    {
        // Can never succeed, so it must be parked at once; a throw makes the transport retry it until it gives up.
        _h.OnLoad(current: null);

        var handling = await Handle(Message(TransitionType.FormSubmitted));

        Assert.Equal(MessageSettlement.DeadLetter, handling.Settlement);
        Assert.False(string.IsNullOrWhiteSpace(handling.Reason));
        Assert.Empty(_h.Saves);
    }

    [Fact]
    public async Task Command_for_an_unknown_lead_is_dead_lettered_as_unknown_lead()
    {
        _h.OnLoad(current: null);

        var handling = await Handle(Message(TransitionType.ContactMade));

        Assert.Equal(MessageSettlement.DeadLetter, handling.Settlement);
        Assert.Equal("unknown-lead", handling.Reason);
        Assert.True(handling.Outcome!.IsUnknownLead);
        Assert.Equal([(_leadId, "evt-1")], _h.Loads);
        Assert.Empty(_h.Saves);
    }

    [Fact]
    public async Task Applied_command_completes()
    {
        _h.OnLoad(_h.StoredAs(_h.NewSqlLead(Email, _h.Now), "e1"));

        var handling = await Handle(Message(TransitionType.ContactMade));

        Assert.Equal(MessageSettlement.Complete, handling.Settlement);
        Assert.Null(handling.Reason);
        Assert.Equal(OutcomeKind.Applied, handling.Outcome!.Kind);
        var save = Assert.Single(_h.Saves);
        Assert.Equal("e1", save.ExpectedETag);
        Assert.Equal("evt-1", save.Audit.CommandId);
        Assert.Equal("rep:sam", save.Audit.Actor);
        Assert.Equal(_h.Now.AddHours(1), save.Audit.OccurredAt);
        Assert.Equal(LeadStatus.Connected, save.Lead.Status);
    }

    [Fact]
    public async Task Refused_command_is_recorded_and_completes()
    {
        _h.OnLoad(_h.StoredAs(_h.NewSqlLead(Email, _h.Now), "e1"));

        var handling = await Handle(Message(TransitionType.DealWon));

        Assert.Equal(MessageSettlement.Complete, handling.Settlement);
        Assert.Equal(OutcomeKind.Rejected, handling.Outcome!.Kind);
        var save = Assert.Single(_h.Saves);
        Assert.Equal(OutcomeKind.Rejected, save.Audit.Outcome);
        Assert.Equal(RejectionCode.StatusNotAllowed, save.Audit.RejectionCode);
    }

    [Fact]
    public async Task Redelivered_command_completes_as_duplicate_without_writing()
    {
        var lead = _h.NewSqlLead(Email, _h.Now);
        var prior = new AuditRecord("evt-1", TransitionType.ContactMade, OutcomeKind.Applied, null, "rep:sam", null,
            _h.Now, _h.Now, LifecycleStage.SQL, LifecycleStage.SQL, LeadStatus.New, LeadStatus.Connected, 2);
        _h.OnLoad(_h.StoredAs(lead, "e1"), prior);

        var handling = await Handle(Message(TransitionType.ContactMade));

        Assert.Equal(MessageSettlement.Complete, handling.Settlement);
        Assert.Equal(OutcomeKind.Duplicate, handling.Outcome!.Kind);
        Assert.Same(prior, handling.Outcome.Audit);
        Assert.Empty(_h.Saves);
        Assert.Equal(["load"], _h.Calls);
    }

    [Fact]
    public async Task Store_outage_is_thrown_so_the_transport_retries()
    {
        _h.OnLoad(_h.StoredAs(_h.NewSqlLead(Email, _h.Now), "e1"));
        _h.SaveBehavior = (_, _) => Task.FromException(new StoreUnavailableException("down"));

        await Assert.ThrowsAsync<StoreUnavailableException>(() => Handle(Message(TransitionType.ContactMade)));
    }
}
