using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LeadFunctions.Api.Tests;

/// <summary>Issue 14, item 7: GET /api/leads by team, territory, quadrant and suppression, checked against the playbook.</summary>
public sealed class ViewScopeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.Keyed();

    [Fact]
    public async Task Leads_filter_by_team_territory_quadrant_and_suppression()
    {
        var us = await HandRaiserAsync("US");
        var ca = await HandRaiserAsync("CA");
        var unsubscribed = await HandRaiserAsync("CA");
        await _client.PostAsJsonAsync($"/api/leads/{unsubscribed}/events", Api.Event("Unsubscribed"));
        await _client.WaitForLeadAsync(unsubscribed, l => l.GetProperty("suppressed").GetBoolean());

        Assert.Equal(us, Assert.Single(await IdsAsync("team=inbound-sales")));
        Assert.Equal(new[] { ca, unsubscribed }.Order(StringComparer.Ordinal), await IdsAsync("territory=canada"));
        Assert.Equal(new[] { us, ca, unsubscribed }.Order(StringComparer.Ordinal), await IdsAsync("quadrant=HighInterestGoodFit"));
        Assert.Equal(unsubscribed, Assert.Single(await IdsAsync("suppressed=true")));
        Assert.Equal(ca, Assert.Single(await IdsAsync("team=canada-sales&territory=canada&quadrant=highinterestgoodfit&suppressed=false")));
        Assert.Empty(await IdsAsync("quadrant=LowInterestLowFit"));
    }

    [Theory]
    [InlineData("team=nobody-sales", "team", "inbound-sales, canada-sales")]
    [InlineData("territory=mars", "territory", "canada")]
    [InlineData("quadrant=Hot", "quadrant", "HighInterestGoodFit")]
    [InlineData("suppressed=yes", "suppressed", "true or false")]
    [InlineData("team=inbound-sales&team=canada-sales", "team", "more than once")]
    public async Task Bad_scope_parameters_are_400_naming_what_is_accepted(string query, string field, string hint)
    {
        var response = await _client.GetAsync("/api/leads?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var messages = (await response.JsonAsync()).GetProperty("errors").GetProperty(field);
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(hint, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_openapi_document_lists_the_scope_parameters_of_the_view()
    {
        var document = await (await factory.CreateClient().GetAsync("/api/openapi.json")).JsonAsync();

        var parameters = document.GetProperty("paths").GetProperty("/api/leads").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()).ToList();

        Assert.Subset(parameters.ToHashSet(), new HashSet<string?> { "team", "territory", "quadrant", "suppressed", "stage", "status", "owner", "flag" });
    }

    private async Task<string> HandRaiserAsync(string country)
    {
        var response = await _client.SubmitJsonAsync("pricing", new { email = Api.Email(), company = "Acme", employees = 300, country, jobTitle = "VP Sales" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("leadId").GetString()!;
    }

    private async Task<List<string>> IdsAsync(string query)
    {
        var page = await (await _client.GetAsync("/api/leads?pageSize=100&" + query)).JsonAsync();
        Assert.Equal(JsonValueKind.Array, page.GetProperty("items").ValueKind);
        return [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!).Order(StringComparer.Ordinal)];
    }
}
