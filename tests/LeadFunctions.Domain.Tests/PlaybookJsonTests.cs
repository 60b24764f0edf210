using System.Text.Json;
using System.Text.Json.Nodes;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.Tests;

/// <summary>Loading a playbook: the shipped one is valid, and every error names the path of the bad key.</summary>
public sealed class PlaybookJsonTests
{
    [Fact]
    public void Default_playbook_loads_and_passes_validation()
    {
        var playbook = PlaybookJson.Default();

        Assert.Empty(PlaybookValidator.Validate(playbook));
        Assert.Equal("Default B2B playbook", playbook.Name);
        Assert.Equal(Enum.GetValues<LifecycleStage>(), playbook.Stages.Select(s => s.Name));
        Assert.False(playbook.IsEnabled(LifecycleStage.SAL));
        Assert.True(playbook.IsEnabled(LifecycleStage.SQL));
        Assert.Equal(Enum.GetNames<LeadStatus>().Order(StringComparer.Ordinal), playbook.Statuses.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(4, playbook.Quadrants.Count);
        Assert.Equal(FormIntent.Informational, playbook.FindForm("whitepaper")?.Intent);
        Assert.Equal(FormIntent.ActionOriented, playbook.FindForm("pricing")?.Intent);
        Assert.Null(playbook.FindForm("no-such-form"));
        Assert.Equal(100, playbook.Thresholds.ActivityPointsForSql);
        Assert.Equal(30, playbook.Thresholds.NoContactDays);
        Assert.Equal(90, playbook.Thresholds.DarkAfterDays);
        Assert.Equal(3, playbook.Thresholds.NewSlaBusinessDays);
        Assert.Equal("UTC", playbook.BusinessCalendar.TimeZone);
        Assert.Equal([DayOfWeek.Saturday, DayOfWeek.Sunday], playbook.BusinessCalendar.Weekend.ToArray());
        Assert.Contains(new DateOnly(2026, 12, 25), playbook.BusinessCalendar.Holidays);
        Assert.True(playbook.Routing.KeepLowFitHandRaisersOutOfSalesInbox);
        Assert.Equal("website", playbook.Routing.DefaultCampaign);
        Assert.Equal([LeadStatus.OpenDeal], playbook.Transitions[TransitionType.DealWon].From.ToArray());
        Assert.Equal([LeadStatus.New, LeadStatus.ActivelyWorking], playbook.Sweeps.NoContactStatuses.ToArray());
    }

    [Fact]
    public void Default_json_round_trips_through_parse()
    {
        var playbook = PlaybookJson.Parse(DefaultJson().ToJsonString());

        Assert.Equal(PlaybookJson.Default().Forms.Keys.Order(), playbook.Forms.Keys.Order());
    }

    [Fact]
    public void Playbook_loads_from_a_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"playbook-{Guid.NewGuid():N}.json");
        var json = DefaultJson();
        json["name"] = "Acme playbook";
        File.WriteAllText(path, json.ToJsonString());
        try
        {
            Assert.Equal("Acme playbook", PlaybookJson.Load(path).Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Unknown_key_is_an_error_naming_its_path()
    {
        var json = DefaultJson();
        json["thresholds"]!.AsObject()["noContactDayz"] = 30;

        var errors = ErrorsOf(json);

        var error = Assert.Single(errors);
        Assert.StartsWith("$.thresholds.noContactDayz", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_top_level_key_is_an_error_naming_its_path()
    {
        var json = DefaultJson();
        json["thresholdz"] = new JsonObject();

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith("$.thresholdz", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_enum_value_is_an_error_naming_its_path()
    {
        var json = DefaultJson();
        json["forms"]!["whitepaper"]!["intent"] = "Actionable";

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith("$.forms.whitepaper.intent", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_for_an_enum_is_rejected()
    {
        var json = DefaultJson();
        json["forms"]!["whitepaper"]!["intent"] = 1;

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith("$.forms.whitepaper.intent", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_reported_as_a_playbook_error()
    {
        var ex = Assert.Throws<PlaybookException>(() => PlaybookJson.Parse("{ \"name\": "));

        Assert.Single(ex.Errors);
        Assert.StartsWith("$", ex.Errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Null_document_is_reported_as_empty()
    {
        var ex = Assert.Throws<PlaybookException>(() => PlaybookJson.Parse("null"));

        Assert.Equal(["$: the playbook is empty."], ex.Errors);
    }

    [Fact]
    public void Stages_out_of_order_name_the_misplaced_entry()
    {
        var json = DefaultJson();
        var stages = json["stages"]!.AsArray();
        var customer = stages[6]!.DeepClone();
        stages[6] = stages[7]!.DeepClone();
        stages[7] = customer;

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith("$.stages[7].name:", error, StringComparison.Ordinal);
        Assert.Contains("'Customer'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Regress_targets_are_read_from_the_stage()
    {
        var json = DefaultJson();
        json["stages"]![6]!["regressTo"] = new JsonArray("SQL", "Opportunity");

        var customer = PlaybookJson.Parse(json.ToJsonString()).Stages[6];

        Assert.Equal([LifecycleStage.SQL, LifecycleStage.Opportunity], customer.RegressTo!.Value.ToArray());
        Assert.Null(PlaybookJson.Default().Stages[6].RegressTo);
    }

    [Theory]
    [InlineData("Customer")]
    [InlineData("Evangelist")]
    public void Regress_target_that_is_not_an_earlier_stage_is_an_error_naming_its_path(string target)
    {
        var json = DefaultJson();
        json["stages"]![6]!["regressTo"] = new JsonArray("SQL", target);

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith("$.stages[6].regressTo[1]:", error, StringComparison.Ordinal);
        Assert.Contains($"'{target}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Quadrant_not_interested_status_New_is_an_error_naming_its_path()
    {
        var json = DefaultJson();
        json["quadrants"]!["LowInterestGoodFit"]!["notInterestedStatus"] = "New";

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith("$.quadrants.LowInterestGoodFit.notInterestedStatus:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Quadrant_not_interested_status_must_be_a_status_the_playbook_defines()
    {
        var playbook = PlaybookJson.Default();
        var withoutNurturing = playbook with { Statuses = [.. playbook.Statuses.Where(s => s.Name != nameof(LeadStatus.Nurturing))] };

        var errors = PlaybookValidator.Validate(withoutNurturing);

        Assert.Contains(errors, e => e.StartsWith("$.quadrants.LowInterestGoodFit.notInterestedStatus:", StringComparison.Ordinal) && e.Contains("'Nurturing'", StringComparison.Ordinal));
    }

    [Fact]
    public void Repeated_stage_is_an_error()
    {
        var json = DefaultJson();
        json["stages"]!.AsArray().Add(json["stages"]![7]!.DeepClone());

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith("$.stages[8].name:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Disabled_required_stage_is_an_error()
    {
        var json = DefaultJson();
        json["stages"]![4]!["enabled"] = false; // SQL

        var error = Assert.Single(ErrorsOf(json));

        Assert.Equal("$.stages: stage 'SQL' is required and must be enabled.", error);
    }

    [Fact]
    public void Missing_status_is_an_error_naming_the_status()
    {
        var json = DefaultJson();
        var statuses = json["statuses"]!.AsArray();
        statuses.RemoveAt(statuses.Count - 1); // Recycled

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith("$.statuses: status 'Recycled'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_defined_twice_is_an_error()
    {
        var json = DefaultJson();
        json["statuses"]!.AsArray().Add(json["statuses"]![0]!.DeepClone());

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith("$.statuses[13].name: 'New' is defined twice", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("activityPointsForSql", 0)]
    [InlineData("noContactDays", 0)]
    [InlineData("noContactDays", -1)]
    [InlineData("darkAfterDays", 0)]
    [InlineData("newSlaBusinessDays", -3)]
    [InlineData("checkBackMonths", 0)]
    [InlineData("deadOpportunityResurfaceMonths", 0)]
    public void Non_positive_threshold_is_an_error_naming_the_key(string key, int value)
    {
        var json = DefaultJson();
        json["thresholds"]![key] = value;

        var error = Assert.Single(ErrorsOf(json));

        Assert.Equal($"$.thresholds.{key}: must be greater than zero.", error);
    }

    [Fact]
    public void Negative_default_activity_points_is_an_error()
    {
        var json = DefaultJson();
        json["thresholds"]!["defaultActivityPoints"] = -1;

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith("$.thresholds.defaultActivityPoints:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_time_zone_is_an_error_naming_the_key()
    {
        var json = DefaultJson();
        json["businessCalendar"]!["timeZone"] = "Mars/Olympus_Mons";

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith("$.businessCalendar.timeZone:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Iana_time_zone_is_accepted()
    {
        var json = DefaultJson();
        json["businessCalendar"]!["timeZone"] = "America/New_York";

        Assert.Equal("America/New_York", PlaybookJson.Parse(json.ToJsonString()).BusinessCalendar.TimeZone);
    }

    [Fact]
    public void A_week_without_business_days_is_an_error()
    {
        var json = DefaultJson();
        json["businessCalendar"]!["weekend"] = new JsonArray(Enum.GetNames<DayOfWeek>().Select(d => (JsonNode)d).ToArray());

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith("$.businessCalendar.weekend:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Transitions_entry_with_empty_from_is_an_error_naming_the_key()
    {
        var json = DefaultJson();
        json["transitions"]!["DealWon"]!["from"] = new JsonArray();

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith("$.transitions.DealWon.from:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FormSubmitted")]
    [InlineData("SlaBreached")]
    [InlineData("NoContactTimeout")]
    public void Transitions_entry_for_intake_or_sweep_commands_is_an_error(string type)
    {
        var json = DefaultJson();
        json["transitions"]![type] = new JsonObject { ["from"] = new JsonArray("New") };

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith($"$.transitions.{type}:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_quadrant_is_an_error()
    {
        var json = DefaultJson();
        json["quadrants"]!.AsObject().Remove("LowInterestLowFit");

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith("$.quadrants.LowInterestLowFit:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Pricing")]
    [InlineData("pricing form")]
    [InlineData("pricing_form")]
    public void Form_id_outside_the_safe_alphabet_is_an_error(string id)
    {
        var json = DefaultJson();
        json["forms"]![id] = new JsonObject { ["intent"] = "Informational" };

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith($"$.forms.{id}:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_form_points_and_long_campaign_are_errors()
    {
        var json = DefaultJson();
        json["forms"]!["webinar"]!["activityPoints"] = -5;
        json["forms"]!["webinar"]!["campaign"] = new string('c', 101);

        var errors = ErrorsOf(json);

        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("$.forms.webinar.activityPoints:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("$.forms.webinar.campaign:", StringComparison.Ordinal));
    }

    [Fact]
    public void No_forms_is_an_error()
    {
        var json = DefaultJson();
        json["forms"] = new JsonObject();

        Assert.Equal(["$.forms: at least one form is required."], ErrorsOf(json));
    }

    [Fact]
    public void Inverted_company_size_range_is_an_error()
    {
        var json = DefaultJson();
        json["fit"]!["companySize"]!["min"] = 6000;

        var error = Assert.Single(ErrorsOf(json));

        Assert.StartsWith("$.fit.companySize:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_semantic_error_is_reported_at_once()
    {
        var json = DefaultJson();
        json["thresholds"]!["noContactDays"] = 0;
        json["businessCalendar"]!["timeZone"] = "Nowhere/Special";
        json["transitions"]!["DealLost"]!["from"] = new JsonArray();

        var ex = Assert.Throws<PlaybookException>(() => PlaybookJson.Parse(json.ToJsonString()));

        Assert.Equal(3, ex.Errors.Count);
        Assert.Contains(ex.Errors, e => e.StartsWith("$.thresholds.noContactDays:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("$.businessCalendar.timeZone:", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.StartsWith("$.transitions.DealLost.from:", StringComparison.Ordinal));
        Assert.All(ex.Errors, e => Assert.Contains(e, ex.Message, StringComparison.Ordinal));
    }

    private static List<string> ErrorsOf(JsonNode json)
    {
        var ex = Assert.Throws<PlaybookException>(() => PlaybookJson.Parse(json.ToJsonString()));
        Assert.NotEmpty(ex.Errors);
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
