using System.Net;
using System.Text.Json;

namespace LeadFunctions.Api.Tests;

/// <summary>GET /api/playbook: the vocabulary a CRM integrator or a website developer needs, without reading the playbook JSON.</summary>
public sealed class PlaybookTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_playbook_names_forms_event_types_stages_statuses_and_quadrants_with_display_names()
    {
        var response = await factory.Keyed().GetAsync("/api/playbook");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var playbook = await response.JsonAsync();
        var forms = playbook.GetProperty("forms").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!);
        Assert.Equal(7, forms.Count);
        Assert.Equal("ActionOriented", forms["demo-request"].GetProperty("intent").GetString());
        Assert.Equal("Demo request", forms["demo-request"].GetProperty("displayName").GetString());
        Assert.Equal("Informational", forms["whitepaper"].GetProperty("intent").GetString());

        var types = playbook.GetProperty("eventTypes").EnumerateArray().ToDictionary(t => t.GetProperty("type").GetString()!);
        Assert.Equal(18, types.Count);
        Assert.Equal(["status"], Strings(types["StatusSet"].GetProperty("requiredData")));
        Assert.DoesNotContain("FormSubmitted", types.Keys);
        Assert.DoesNotContain("NoContactTimeout", types.Keys);
        Assert.Equal(["points"], Strings(types["ActivityRecorded"].GetProperty("requiredData")));
        Assert.Equal(["toStage", "reason"], Strings(types["Regress"].GetProperty("requiredData")));
        Assert.Empty(Strings(types["ContactMade"].GetProperty("requiredData")));

        var stages = playbook.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal("Marketing Qualified Lead", stages["MQL"].GetProperty("displayName").GetString());
        Assert.False(stages["SAL"].GetProperty("enabled").GetBoolean());
        var statuses = playbook.GetProperty("statuses").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
        Assert.Equal("Check Back Quarterly", statuses["CheckBackQuarterly"].GetProperty("displayName").GetString());
        var quadrants = playbook.GetProperty("quadrants").EnumerateArray().ToDictionary(q => q.GetProperty("name").GetString()!);
        Assert.Equal("Hot! Hot! Hot!", quadrants["HighInterestGoodFit"].GetProperty("displayName").GetString());
        Assert.Equal("Sales", quadrants["HighInterestGoodFit"].GetProperty("owner").GetString());

        // Rules stay out of the vocabulary.
        Assert.False(playbook.TryGetProperty("thresholds", out _));
        Assert.False(playbook.TryGetProperty("transitions", out _));
    }

    [Fact]
    public async Task The_playbook_needs_the_key()
    {
        var response = await factory.Anonymous().GetAsync("/api/playbook");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Every_event_type_the_playbook_names_is_accepted_by_the_events_route()
    {
        var client = factory.Keyed();
        var leadId = await client.NewLeadAsync();
        var playbook = await (await client.GetAsync("/api/playbook")).JsonAsync();
        foreach (var type in playbook.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetProperty("type").GetString()!))
        {
            var body = new Dictionary<string, object>
            {
                ["eventId"] = Guid.NewGuid().ToString("N"),
                ["type"] = type,
                ["occurredAt"] = DateTimeOffset.UtcNow.AddMinutes(-1),
                ["actor"] = "rep-1",
                ["reason"] = "checked",
                ["points"] = 5,
                ["toStage"] = "Opportunity",
            };
            var response = await client.PostAsync($"/api/leads/{leadId}/events", System.Net.Http.Json.JsonContent.Create(body));
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{type}: {(int)response.StatusCode}");
        }
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
