using System.Net;
using System.Text.Json;

namespace LeadFunctions.Api.Tests;

/// <summary>The company's words beside the canonical names (issue 16, item 2): lead view, list items, history, reps.</summary>
public sealed class DisplayNameTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.Keyed();

    [Fact]
    public async Task A_lead_its_history_its_list_item_and_the_reps_speak_the_playbooks_words()
    {
        var response = await _client.SubmitJsonAsync("pricing", new { email = Api.Email(), company = "Acme", country = "US", employees = 300, jobTitle = "VP Sales" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var leadId = (await response.JsonAsync()).GetProperty("leadId").GetString()!;

        var lead = await (await _client.GetAsync($"/api/leads/{leadId}")).JsonAsync();
        var item = (await (await _client.GetAsync("/api/leads?stage=SQL&pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("id").GetString() == leadId);
        var line = Assert.Single(lead.GetProperty("history").EnumerateArray());
        var reps = (await (await _client.GetAsync("/api/reps")).JsonAsync()).GetProperty("reps").EnumerateArray().ToList();

        foreach (var view in new[] { lead, item })
        {
            Assert.Equal(("SQL", "Sales Qualified Lead"), (Text(view, "stage"), Text(view, "stageDisplayName")));
            Assert.Equal(("New", "New"), (Text(view, "status"), Text(view, "statusDisplayName")));
            Assert.Equal(("HighInterestGoodFit", "Hot! Hot! Hot!"), (Text(view, "quadrant"), Text(view, "quadrantDisplayName")));
        }

        Assert.Equal("New", Text(line, "toStatusDisplayName"));
        Assert.Equal("Inbound sales", Text(reps.First(r => Text(r, "id") == "rep-ann"), "teamDisplayName"));
        Assert.Equal("Canada sales", Text(reps.First(r => Text(r, "id") == "rep-dan"), "teamDisplayName"));
    }

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();
}
