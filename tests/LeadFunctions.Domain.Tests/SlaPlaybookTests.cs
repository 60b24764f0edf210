using System.Text.Json;
using System.Text.Json.Nodes;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Tests;

/// <summary>The playbook's <c>sla</c> table: what ships, the fallback for older playbooks, and errors naming the bad key.</summary>
public sealed class SlaPlaybookTests
{
    [Fact]
    public void Default_playbook_ships_a_New_sla_that_warns_and_reassigns()
    {
        var sla = PlaybookJson.Default().SlaFor(LeadStatus.New);

        Assert.Equal(new StatusSla { BusinessDays = 3, WarnBeforeHours = 8, OnBreach = SlaBreachAction.Reassign }, sla);
        Assert.Null(PlaybookJson.Default().SlaFor(LeadStatus.Connected));
    }

    [Fact]
    public void Playbook_without_an_sla_table_keeps_the_New_threshold()
    {
        var json = DefaultJson();
        json.AsObject().Remove("sla");
        json["thresholds"]!["newSlaBusinessDays"] = 5;

        var sla = PlaybookJson.Parse(json.ToJsonString()).SlaFor(LeadStatus.New);

        Assert.Equal(new StatusSla { BusinessDays = 5, WarnBeforeHours = 0, OnBreach = SlaBreachAction.Reassign }, sla);
    }

    [Fact]
    public void Other_statuses_may_have_their_own_sla()
    {
        var json = DefaultJson();
        json["sla"]!["Connected"] = JsonNode.Parse("""{ "businessDays": 10, "onBreach": "Escalate" }""");

        var sla = PlaybookJson.Parse(json.ToJsonString()).SlaFor(LeadStatus.Connected);

        Assert.Equal(new StatusSla { BusinessDays = 10, OnBreach = SlaBreachAction.Escalate }, sla);
    }

    [Theory]
    [InlineData("New", """{ "businessDays": 0 }""", "$.sla.New.businessDays: must be greater than zero.")]
    [InlineData("Connected", """{ "warnBeforeHours": 4 }""", "$.sla.Connected.businessDays: required (only New falls back to thresholds.newSlaBusinessDays).")]
    [InlineData("New", """{ "businessDays": 3, "warnBeforeHours": -1 }""", "$.sla.New.warnBeforeHours: must not be negative (0 means no warning).")]
    [InlineData("New", """{ "businessDays": 1, "warnBeforeHours": 24 }""", "$.sla.New.warnBeforeHours: 24 hours is not shorter than the SLA itself (1 business days).")]
    [InlineData("Nurturing", """{ "businessDays": 5, "onBreach": "Reassign" }""", "$.sla.Nurturing.onBreach: 'Nurturing' is worked by Marketing, which has no reps to reassign or escalate to; use None.")]
    public void Bad_sla_is_an_error_naming_the_key(string status, string sla, string expected)
    {
        var json = DefaultJson();
        json["sla"]![status] = JsonNode.Parse(sla);

        Assert.Equal(expected, Assert.Single(ErrorsOf(json)));
    }

    [Theory]
    [InlineData("""{ "Newish": { "businessDays": 3 } }""")]
    [InlineData("""{ "New": { "businessDays": 3, "onBreach": "Fire" } }""")]
    [InlineData("""{ "New": { "businessDays": 3, "warnBefore": 2 } }""")]
    public void Unknown_status_action_or_key_is_an_error_under_sla(string sla)
    {
        var json = DefaultJson();
        json["sla"] = JsonNode.Parse(sla);

        Assert.StartsWith("$.sla", Assert.Single(ErrorsOf(json)), StringComparison.Ordinal);
    }

    [Fact]
    public void Nurturing_may_have_a_flag_only_sla()
    {
        var json = DefaultJson();
        json["sla"]!["Nurturing"] = JsonNode.Parse("""{ "businessDays": 20, "onBreach": "None" }""");

        Assert.Equal(20, PlaybookJson.Parse(json.ToJsonString()).SlaFor(LeadStatus.Nurturing)?.BusinessDays);
    }

    private static List<string> ErrorsOf(JsonNode json)
    {
        var ex = Assert.Throws<PlaybookException>(() => PlaybookJson.Parse(json.ToJsonString()));
        return [.. ex.Errors];
    }

    private static JsonNode DefaultJson()
    {
        using var stream = typeof(PlaybookJson).Assembly.GetManifestResourceStream("LeadFunctions.default-playbook.json")
            ?? throw new InvalidOperationException("The default playbook resource is missing.");
        return JsonNode.Parse(stream, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })
            ?? throw new InvalidOperationException("The default playbook is empty.");
    }
}
