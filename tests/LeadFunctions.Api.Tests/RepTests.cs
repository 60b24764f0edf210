using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LeadFunctions.Api.Tests;

/// <summary>Reps as data over HTTP: the playbook's reps listed, one marked away until a time and back, bad input refused.</summary>
public sealed class RepTests : IDisposable
{
    // A fixture of its own: availability is shared state of the table.
    private readonly ApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static async Task<Dictionary<string, JsonElement>> RepsAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/reps");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("reps").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task The_playbooks_reps_are_listed_with_team_weight_and_availability()
    {
        var reps = await RepsAsync(_factory.Keyed());

        Assert.Equal(["rep-ann", "rep-ben", "rep-cat", "rep-dan"], reps.Keys);
        Assert.Equal(2, reps["rep-ann"].GetProperty("weight").GetInt32());
        Assert.Equal("canada-sales", reps["rep-dan"].GetProperty("team").GetString());
        Assert.All(reps.Values, r => Assert.True(r.GetProperty("available").GetBoolean()));
        Assert.All(reps.Values, r => Assert.Equal(0, r.GetProperty("openNew").GetInt32()));
    }

    [Fact]
    public async Task A_rep_marked_away_until_a_time_is_listed_away_then_back_when_told()
    {
        var client = _factory.Keyed();
        var until = DateTimeOffset.UtcNow.AddDays(7).ToString("O");

        var away = await client.PutAsJsonAsync("/api/reps/rep-ben/availability", new { available = false, until });
        var listedAway = (await RepsAsync(client))["rep-ben"];
        var back = await client.PutAsJsonAsync("/api/reps/rep-ben/availability", new { available = true });
        var listedBack = (await RepsAsync(client))["rep-ben"];

        Assert.Equal(HttpStatusCode.OK, away.StatusCode);
        Assert.False(listedAway.GetProperty("available").GetBoolean());
        Assert.Equal(DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture), listedAway.GetProperty("unavailableUntil").GetDateTimeOffset());
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.True(listedBack.GetProperty("available").GetBoolean());
    }

    [Theory]
    [InlineData("rep-zed", """{"available": false}""", HttpStatusCode.NotFound, null)]
    [InlineData("Rep@Example.com", """{"available": false}""", HttpStatusCode.NotFound, null)]
    [InlineData("rep-ann", """{"available": "no"}""", HttpStatusCode.BadRequest, "available")]
    [InlineData("rep-ann", """{"available": false, "until": "next week"}""", HttpStatusCode.BadRequest, "until")]
    [InlineData("rep-ann", """{"available": false, "until": "2020-01-01T00:00:00Z"}""", HttpStatusCode.BadRequest, "until")]
    [InlineData("rep-ann", """{"available": true, "until": "2099-01-01T00:00:00Z"}""", HttpStatusCode.BadRequest, "until")]
    [InlineData("rep-ann", """{"available": false, "mood": "sunny"}""", HttpStatusCode.BadRequest, "mood")]
    public async Task Bad_input_is_refused_with_a_problem_and_nothing_is_stored(string rep, string body, HttpStatusCode status, string? field)
    {
        var client = _factory.Keyed();

        var response = await client.PutAsync($"/api/reps/{Uri.EscapeDataString(rep)}/availability", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
        }

        Assert.All((await RepsAsync(client)).Values, r => Assert.True(r.GetProperty("available").GetBoolean()));
    }

    [Fact]
    public async Task Reps_need_the_key()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.Anonymous().GetAsync("/api/reps")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _factory.Anonymous().PutAsJsonAsync("/api/reps/rep-ann/availability", new { available = false })).StatusCode);
    }
}
