using System.Text.Json.Nodes;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Tests.Routing;

/// <summary>Teams, reps and territories in the playbook: the shipped example, and errors that name the bad key.</summary>
public sealed class RoutingPlaybookTests
{
    private static JsonObject DefaultJson()
    {
        using var stream = typeof(PlaybookJson).Assembly.GetManifestResourceStream("LeadFunctions.default-playbook.json")!;
        return JsonNode.Parse(stream, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
    }

    private static IReadOnlyList<string> ErrorsAfter(Action<JsonObject> edit)
    {
        var json = DefaultJson();
        edit(json["routing"]!.AsObject());
        var ex = Assert.Throws<PlaybookException>(() => PlaybookJson.Parse(json.ToJsonString()));
        return ex.Errors;
    }

    [Fact]
    public void The_shipped_playbook_has_the_example_teams()
    {
        var routing = PlaybookJson.Default().Routing;

        var inbound = routing.FindTeam("inbound-sales")!;
        Assert.Equal("mgr-mia", inbound.Manager);
        Assert.Equal([("rep-ann", 2), ("rep-ben", 1), ("rep-cat", 1)], inbound.Reps.Select(r => (r.Id, r.Weight)));
        Assert.Equal(["rep-dan"], routing.FindTeam("canada-sales")!.Reps.Select(r => r.Id));
        Assert.Equal("canada-sales", Assert.Single(routing.Territories).Team);
        Assert.Equal("inbound-sales", routing.DefaultTeam);
        Assert.Equal("canada-sales", routing.TeamOf("rep-dan")!.Id);
    }

    [Fact]
    public void A_rule_naming_an_unknown_team_is_refused_by_path()
    {
        var errors = ErrorsAfter(r => r["territories"]![0]!["team"] = "emea-sales");

        Assert.Contains("$.routing.territories[0].team: 'emea-sales' is not a team in $.routing.teams.", errors);
    }

    [Fact]
    public void A_zero_weight_and_a_zero_capacity_are_refused_by_path()
    {
        var errors = ErrorsAfter(r =>
        {
            r["teams"]![0]!["reps"]![1]!["weight"] = 0;
            r["teams"]![0]!["reps"]![2]!["capacity"] = 0;
        });

        Assert.Contains("$.routing.teams[0].reps[1].weight: must be from 1 to 100.", errors);
        Assert.Contains("$.routing.teams[0].reps[2].capacity: must be at least 1, or left out for no limit.", errors);
    }

    [Fact]
    public void A_rep_in_two_teams_and_an_email_as_rep_id_are_refused()
    {
        var errors = ErrorsAfter(r =>
        {
            r["teams"]![1]!["reps"]![0]!["id"] = "rep-ann";
            r["teams"]![0]!["reps"]![2]!["id"] = "cat@example.com";
        });

        Assert.Contains(errors, e => e.StartsWith("$.routing.teams[1].reps[0].id: rep 'rep-ann' is in more than one team", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.routing.teams[0].reps[2].id: ids are 1-64", StringComparison.Ordinal));
    }

    [Fact]
    public void The_default_team_must_exist_and_a_rule_names_a_team_or_a_rep_not_both()
    {
        var errors = ErrorsAfter(r =>
        {
            r["defaultTeam"] = "nobody";
            r["territories"]![0]!["rep"] = "rep-dan";
        });

        Assert.Contains("$.routing.defaultTeam: 'nobody' is not a team in $.routing.teams.", errors);
        Assert.Contains("$.routing.territories[0]: name either a team or a rep.", errors);
    }

    [Fact]
    public void A_rule_matching_an_unknown_region_is_refused()
    {
        var errors = ErrorsAfter(r => r["territories"]![0]!["match"] = new JsonObject { ["regions"] = new JsonArray("emea") });

        Assert.Contains("$.routing.territories[0].match.regions[0]: 'emea' is not a region in $.routing.regions.", errors);
    }
}
