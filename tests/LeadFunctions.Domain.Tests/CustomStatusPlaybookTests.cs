using System.Text.Json.Nodes;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.Tests;

/// <summary>Issue 16, item 1: a playbook's own statuses, each bound to a role, and how a bad one is named by its path.</summary>
public sealed class CustomStatusPlaybookTests
{
    [Fact]
    public void Custom_statuses_load_with_the_role_whose_rules_they_follow()
    {
        var playbook = CustomStatuses.Playbook;

        Assert.Equal(LeadStatus.New, playbook.FindStatus(CustomStatuses.Hot)!.ActsAs());
        Assert.Equal(LeadStatus.Nurturing, playbook.FindStatus(CustomStatuses.Sleeping)!.ActsAs());
        Assert.Equal(CustomStatuses.HotDisplay, playbook.StatusDisplayName(CustomStatuses.Hot));
        Assert.False(playbook.FindStatus(CustomStatuses.Hot)!.IsBuiltIn());
        Assert.True(playbook.FindStatus("New")!.IsBuiltIn());
        Assert.Null(playbook.FindStatus("hothothot"));
    }

    [Fact]
    public void The_vocabulary_lists_built_in_statuses_in_funnel_order_then_the_custom_ones_each_with_its_role()
    {
        var statuses = PlaybookVocabulary.Of(CustomStatuses.Playbook).Statuses;

        Assert.Equal([.. Enum.GetNames<LeadStatus>(), CustomStatuses.Hot, CustomStatuses.Sleeping], statuses.Select(s => s.Name));
        Assert.Equal("inbox", statuses.Single(s => s.Name == CustomStatuses.Hot).Role);
        Assert.Equal("nurture", statuses.Single(s => s.Name == CustomStatuses.Sleeping).Role);
        Assert.Equal("inbox", statuses.Single(s => s.Name == "New").Role);
        Assert.Null(statuses.Single(s => s.Name == "Unqualified").Role);
    }

    [Fact]
    public void An_unknown_role_is_named_by_its_path_and_the_roles_are_listed()
    {
        var errors = ErrorsOf(s => s[13]!["role"] = "hot");

        var error = Assert.Single(errors);
        Assert.StartsWith("$.statuses[13].role: 'hot' is not a role; roles are: inbox, working, connected, qualified, nurture, check-back, deal,", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_custom_status_without_a_role_is_refused()
    {
        var errors = ErrorsOf(s => s[14]!.AsObject().Remove("role"));

        Assert.StartsWith("$.statuses[14].role: a custom status needs a role", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void A_name_defined_twice_is_refused_whatever_its_case()
    {
        var errors = ErrorsOf(s => s[14]!["name"] = "hothothot");

        Assert.Contains("$.statuses[14].name: 'hothothot' is defined twice (names are compared ignoring case).", errors);
    }

    [Fact]
    public void A_custom_name_that_collides_with_a_built_in_status_is_refused()
    {
        var errors = ErrorsOf(s => s[13]!["name"] = "new");

        Assert.Contains(errors, e => e.StartsWith("$.statuses[13].name: 'new' collides with the built-in status 'New'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_custom_name_the_api_cannot_carry_is_refused()
    {
        var errors = ErrorsOf(s => s[13]!["name"] = "Hot! Hot! Hot!");

        Assert.Contains(errors, e => e.StartsWith("$.statuses[13].name: 'Hot! Hot! Hot!' is not a status name", StringComparison.Ordinal));
    }

    [Fact]
    public void A_from_list_naming_an_unknown_status_is_refused_at_its_index()
    {
        var errors = ErrorsOf(s => s[13]!["from"]!.AsArray().Add("Lukewarm"));

        Assert.Equal("$.statuses[13].from[4]: 'Lukewarm' is not one of the playbook's statuses.", Assert.Single(errors));
    }

    [Fact]
    public void An_empty_from_list_is_refused()
    {
        var errors = ErrorsOf(s => s[13]!["from"] = new JsonArray());

        Assert.StartsWith("$.statuses[13].from: list at least one status", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void An_owner_the_roles_rules_do_not_hold_with_is_refused()
    {
        var errors = ErrorsOf(s =>
        {
            s[13]!["owner"] = "Marketing";
            s[14]!["owner"] = "Sales";
        });

        Assert.Equal(
            [
                "$.statuses[13].owner: a status of role 'inbox' is owned by Sales, as 'New' is; the handoff rules read the owner.",
                "$.statuses[14].owner: a status of role 'nurture' is owned by Marketing, as 'Nurturing' is; the handoff rules read the owner.",
            ],
            errors);
    }

    [Fact]
    public void A_built_in_status_may_only_name_its_own_role()
    {
        var ok = ErrorsOf(s => s[0]!["role"] = "inbox");
        var wrong = ErrorsOf(s => s[0]!["role"] = "nurture");
        var unqualified = ErrorsOf(s => s[10]!["role"] = "nurture");

        Assert.Empty(ok);
        Assert.Equal("$.statuses[0].role: 'New' is built in and its role is 'inbox'; remove the key or write 'inbox'.", Assert.Single(wrong));
        Assert.Equal("$.statuses[10].role: 'Unqualified' is built in and has no role; remove the key.", Assert.Single(unqualified));
    }

    [Fact]
    public void StatusSet_takes_its_from_lists_from_the_statuses_not_from_transitions()
    {
        var playbook = CustomStatuses.Playbook with
        {
            Transitions = CustomStatuses.Playbook.Transitions.Add(TransitionType.StatusSet, new TransitionRule { From = [LeadStatus.New] }),
        };

        Assert.Contains(PlaybookValidator.Validate(playbook), e => e.StartsWith("$.transitions.StatusSet: StatusSet follows each status's own", StringComparison.Ordinal));
    }

    [Fact]
    public void StatusSet_is_an_external_event_type_that_requires_a_status()
    {
        var statusSet = ExternalEventTypes.All.Single(e => e.Type == TransitionType.StatusSet);

        Assert.Equal(["status"], statusSet.RequiredData.AsEnumerable());
        Assert.Equal(["reason"], statusSet.OptionalData.AsEnumerable());
        Assert.Contains(nameof(TransitionType.StatusSet), ExternalEventTypes.Names);
    }

    private static IReadOnlyList<string> ErrorsOf(Action<JsonArray> edit)
    {
        try
        {
            PlaybookJson.Parse(CustomStatuses.Json(edit));
            return [];
        }
        catch (PlaybookException ex)
        {
            return ex.Errors;
        }
    }
}
