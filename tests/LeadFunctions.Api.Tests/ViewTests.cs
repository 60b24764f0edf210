using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LeadFunctions.Api.Tests;

public sealed class ViewTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.Keyed();

    [Fact]
    public async Task Leads_page_through_with_continuation_tokens_and_filter_by_owner_and_stage()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await _client.NewLeadAsync());
        }

        var worked = ids[0];
        await _client.PostAsJsonAsync($"/api/leads/{worked}/events", Api.OwnedEvent("FirstOutreachSent", owner: "rep-seven"));
        await _client.WaitForLeadAsync(worked, l => l.TryGetProperty("owner", out var o) && o.GetString() == "rep-seven");

        var seen = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            // Pasted into the query string as it is, unencoded: the token must be URL-safe on its own.
            var url = "/api/leads?pageSize=1" + (token is null ? string.Empty : "&continuationToken=" + token);
            var page = await (await _client.GetAsync(url)).JsonAsync();
            var items = page.GetProperty("items").EnumerateArray().ToList();
            Assert.True(items.Count <= 1);
            seen.AddRange(items.Select(item => item.GetProperty("id").GetString()!));
            token = page.TryGetProperty("continuationToken", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            Assert.True(token is null || token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), token);
            Assert.True(token is null || Uri.EscapeDataString(token) == token, token);
            pages++;
        }
        while (token is not null);

        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.True(pages >= 3, $"{pages} pages: the walk must have followed tokens");

        var byOwner = await (await _client.GetAsync("/api/leads?owner=rep-seven")).JsonAsync();
        Assert.Equal(worked, Assert.Single(byOwner.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        Assert.False(Assert.Single(byOwner.GetProperty("items").EnumerateArray()).TryGetProperty("history", out _));

        var byStatus = await (await _client.GetAsync("/api/leads?status=ActivelyWorking")).JsonAsync();
        Assert.Equal(worked, Assert.Single(byStatus.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());

        var none = await (await _client.GetAsync("/api/leads?stage=Customer&flag=SlaBreached")).JsonAsync();
        Assert.Empty(none.GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("stage=Nope")]
    [InlineData("status=1")]
    [InlineData("flag=None")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=101")]
    [InlineData("owner=a&owner=b")]
    public async Task Bad_view_parameters_are_400(string query)
    {
        var response = await _client.GetAsync("/api/leads?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("{\"NextPartitionKey\":\"x\"}")]
    [InlineData("a b c")]
    [InlineData("YWJj")]
    [InlineData("_-_-")]
    [InlineData("A")]
    public async Task A_forged_continuation_token_is_never_a_500(string token)
    {
        var response = await _client.GetAsync("/api/leads?continuationToken=" + Uri.EscapeDataString(token));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, response.StatusCode.ToString());
    }

    [Theory]
    [InlineData("a b c")]
    [InlineData("abc=")]
    [InlineData("A")]
    [InlineData("_w")]
    public async Task A_token_this_api_never_hands_out_is_a_400_field_error(string token)
    {
        var response = await _client.GetAsync("/api/leads?continuationToken=" + Uri.EscapeDataString(token));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("continuationToken", out _));
    }

    [Fact]
    public async Task Velocity_report_answers_json()
    {
        await _client.NewLeadAsync();
        var response = await _client.GetAsync("/api/reports/velocity");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Object, (await response.JsonAsync()).ValueKind);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.Anonymous().GetAsync("/api/reports/velocity")).StatusCode);
    }
}
