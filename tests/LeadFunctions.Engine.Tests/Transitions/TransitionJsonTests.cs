using System.Text;
using System.Text.Json;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Transitions;

namespace LeadFunctions.Engine.Tests.Transitions;

public sealed class TransitionJsonTests
{
    internal const string LeadId = "ld-0123456789abcdefghjkmnpq";

    private static readonly DateTimeOffset _at = new DateTimeOffset(2026, 3, 2, 10, 15, 30, 123, TimeSpan.FromHours(2)).AddTicks(4567);

    internal static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>A complete, valid message with one part of the command left out.</summary>
    internal static string CommandJsonWithout(string missing)
    {
        var command = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["commandId"] = "evt-1",
            ["type"] = "ContactMade",
            ["occurredAt"] = "2026-03-02T10:00:00+00:00",
            ["actor"] = "rep:sam",
        };
        command.Remove(missing);
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["leadId"] = LeadId, ["command"] = command });
    }

    [Fact]
    public void Envelope_round_trips_with_every_field()
    {
        var person = new Person("ana@acme.example", "Ana", "Lopez", "Acme", "Head of Ops", "+1 555 0100", "US", 200);
        var envelope = new TransitionEnvelope(LeadId, new TransitionCommand(
            "evt-1",
            TransitionType.StageAdvanced,
            _at,
            "crm:hubspot",
            "moved by rep",
            new TransitionData
            {
                Points = 15,
                ToStage = LifecycleStage.Opportunity,
                ToStatus = LeadStatus.OpenDeal,
                CheckBackAt = _at.AddMonths(3),
                Owner = "sam@vendor.example",
                DealId = "deal-42",
                Submission = new FormSubmission("contact-us", person, "spring", "google", "cpc", Consent: true),
            }));

        var back = TransitionJson.TryDeserialize(TransitionJson.Serialize(envelope), out var error);

        Assert.Null(error);
        Assert.Equal(envelope, back);
        Assert.Equal(_at.Offset, back!.Command.OccurredAt.Offset);
    }

    [Fact]
    public void Minimal_envelope_round_trips_and_omits_nulls()
    {
        var envelope = new TransitionEnvelope(LeadId, new TransitionCommand("evt-1", TransitionType.ContactMade, _at, "rep:sam"));

        var bytes = TransitionJson.Serialize(envelope);
        var back = TransitionJson.TryDeserialize(bytes, out var error);

        Assert.Null(error);
        Assert.Equal(envelope, back);
        var json = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("reason", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Wire_format_is_camel_case_with_enum_names()
    {
        var envelope = new TransitionEnvelope(LeadId, new TransitionCommand("evt-1", TransitionType.ContactMade, _at, "rep:sam",
            Data: new TransitionData { ToStage = LifecycleStage.SQL }));

        using var doc = JsonDocument.Parse(TransitionJson.Serialize(envelope));
        var root = doc.RootElement;

        Assert.Equal(LeadId, root.GetProperty("leadId").GetString());
        var command = root.GetProperty("command");
        Assert.Equal("evt-1", command.GetProperty("commandId").GetString());
        Assert.Equal("ContactMade", command.GetProperty("type").GetString());
        Assert.Equal("SQL", command.GetProperty("data").GetProperty("toStage").GetString());

        // TransitionCommand.Payload is computed from Data (Data ?? Empty). Writing it too puts every field of "data",
        // the submitted person included, on the wire twice; readers ignore it, so it is only bloat and duplicated PII.
        Assert.False(command.TryGetProperty("payload", out _), "The computed Payload is serialized next to Data: " + command.GetRawText());
    }

    [Fact]
    public void Hand_written_message_in_the_documented_shape_is_read()
    {
        var json = """
            {"leadId":"ld-0123456789abcdefghjkmnpq","command":{"commandId":"evt-9","type":"CheckBackLater","occurredAt":"2026-03-02T10:00:00Z","actor":"rep:sam","data":{"checkBackAt":"2026-06-01T09:00:00Z"}}}
            """;

        var envelope = TransitionJson.TryDeserialize(Utf8(json), out var error);

        Assert.Null(error);
        Assert.NotNull(envelope);
        Assert.Equal(TransitionType.CheckBackLater, envelope.Command.Type);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero), envelope.Command.Payload.CheckBackAt);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"leadId\":")]
    [InlineData("")]
    [InlineData("[1,2,3]")]
    [InlineData("\"just a string\"")]
    [InlineData("{\"leadId\":\"ld-0123456789abcdefghjkmnpq\",\"command\":{\"commandId\":\"evt-1\",\"type\":\"Bogus\",\"occurredAt\":\"2026-03-02T10:00:00Z\",\"actor\":\"x\"}}")]
    [InlineData("{\"leadId\":\"ld-0123456789abcdefghjkmnpq\",\"command\":{\"commandId\":\"evt-1\",\"type\":2,\"occurredAt\":\"2026-03-02T10:00:00Z\",\"actor\":\"x\"}}")]
    [InlineData("{\"leadId\":\"ld-0123456789abcdefghjkmnpq\",\"command\":{\"commandId\":\"evt-1\",\"type\":\"ContactMade\",\"occurredAt\":\"yesterday\",\"actor\":\"x\"}}")]
    public void Unreadable_bodies_are_refused_with_a_reason(string body)
    {
        var envelope = TransitionJson.TryDeserialize(Utf8(body), out var error);

        Assert.Null(envelope);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Binary_garbage_is_refused_with_a_reason()
    {
        var envelope = TransitionJson.TryDeserialize(new byte[] { 0xFF, 0xFE, 0x00, 0x01, 0x80 }, out var error);

        Assert.Null(envelope);
        Assert.StartsWith("Unreadable message body", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_inside_a_string_is_refused_with_a_reason()
    {
        var body = Utf8("{\"leadId\":\"ld-X\",\"command\":{\"commandId\":\"evt-1\",\"type\":\"ContactMade\",\"occurredAt\":\"2026-03-02T10:00:00Z\",\"actor\":\"x\"}}");
        body[Array.IndexOf(body, (byte)'X')] = 0xC3; // a lead byte with no continuation

        var envelope = TransitionJson.TryDeserialize(body, out var error);

        Assert.Null(envelope);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("null")]
    [InlineData("{\"leadId\":\"ld-0123456789abcdefghjkmnpq\"}")]
    [InlineData("{\"command\":{\"commandId\":\"evt-1\",\"type\":\"ContactMade\",\"occurredAt\":\"2026-03-02T10:00:00Z\",\"actor\":\"x\"}}")]
    [InlineData("{\"leadId\":\"\",\"command\":{\"commandId\":\"evt-1\",\"type\":\"ContactMade\",\"occurredAt\":\"2026-03-02T10:00:00Z\",\"actor\":\"x\"}}")]
    [InlineData("{\"leadId\":\"ld-0123456789abcdefghjkmnpq\",\"command\":null}")]
    public void Json_without_lead_or_command_is_not_an_envelope(string body)
    {
        var envelope = TransitionJson.TryDeserialize(Utf8(body), out var error);

        Assert.Null(envelope);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.DoesNotContain("ld-", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("commandId")]
    [InlineData("type")]
    [InlineData("occurredAt")]
    [InlineData("actor")]
    public void Command_missing_a_required_field_is_not_an_envelope(string missing)
    {
        // Without its type a command would silently become FormSubmitted (enum default), without its time it would
        // happen in year 1, without its actor the audit line would have no author.
        var envelope = TransitionJson.TryDeserialize(Utf8(CommandJsonWithout(missing)), out var error);

        Assert.Null(envelope);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void The_complete_message_used_above_is_valid()
    {
        // Guards the theory above: only the removed field makes those messages invalid.
        var envelope = TransitionJson.TryDeserialize(Utf8(CommandJsonWithout("nothing")), out var error);

        Assert.Null(error);
        Assert.Equal(TransitionType.ContactMade, envelope!.Command.Type);
    }
}
