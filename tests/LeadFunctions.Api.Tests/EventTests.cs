using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace LeadFunctions.Api.Tests;

public sealed class EventTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.Keyed();

    [Fact]
    public async Task An_event_flows_through_the_queue_to_the_lead()
    {
        var leadId = await _client.NewLeadAsync();
        var routedTo = (await (await _client.GetAsync($"/api/leads/{leadId}")).JsonAsync()).GetProperty("owner").GetString();
        var response = await _client.PostAsJsonAsync($"/api/leads/{leadId}/events", Api.Event("FirstOutreachSent", eventId: "evt-outreach-1"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("evt-outreach-1", (await response.JsonAsync()).GetProperty("eventId").GetString());
        var lead = await _client.WaitForLeadAsync(leadId, l => l.GetProperty("status").GetString() == "ActivelyWorking");
        // The rep routing gave it keeps it: an outreach by someone else does not take it away.
        Assert.StartsWith("rep-", routedTo, StringComparison.Ordinal);
        Assert.Equal(routedTo, lead.GetProperty("owner").GetString());
        Assert.Contains(lead.GetProperty("history").EnumerateArray(), h => h.GetProperty("type").GetString() == "FirstOutreachSent");
    }

    [Fact]
    public async Task An_event_by_email_reaches_the_same_lead()
    {
        var email = Api.Email();
        var leadId = await _client.NewLeadAsync(email);
        var body = new { eventId = "evt-by-email-1", type = "ContactMade", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-5), actor = "crm", email = email.ToUpperInvariant() };
        var response = await _client.PostAsJsonAsync("/api/events", body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var lead = await _client.WaitForLeadAsync(leadId, l => l.GetProperty("status").GetString() == "Connected");
        Assert.True(lead.TryGetProperty("lastContactAt", out _));
    }

    [Fact]
    public async Task Invalid_events_are_400_with_field_errors()
    {
        var leadId = await _client.NewLeadAsync();
        var response = await _client.PostAsync($"/api/leads/{leadId}/events", new StringContent(
            "{\"eventId\":\"bad/id\",\"type\":\"WentDark\",\"occurredAt\":\"yesterday\",\"actor\":\"\",\"reason\":\"" + new string('r', 501) + "\",\"toStage\":\"3\",\"extra\":1}",
            Encoding.UTF8,
            "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "eventId", "type", "occurredAt", "actor", "reason", "toStage", "extra" })
        {
            Assert.True(errors.TryGetProperty(field, out _), field);
        }
    }

    [Theory]
    [InlineData("FormSubmitted")]
    [InlineData("SlaBreached")]
    [InlineData("NoSuchType")]
    [InlineData("1")]
    public async Task Only_external_types_are_accepted(string type)
    {
        var leadId = await _client.NewLeadAsync();
        var response = await _client.PostAsJsonAsync($"/api/leads/{leadId}/events", Api.Event(type));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = Assert.Single((await response.JsonAsync()).GetProperty("errors").GetProperty("type").EnumerateArray()).GetString()!;

        // The answer names the eighteen types accepted from outside (StatusSet the newest), and none of the internal ones.
        var named = message[(message.IndexOf(':', StringComparison.Ordinal) + 1)..].TrimEnd('.').Split(',', StringSplitOptions.TrimEntries);
        Assert.Equal(18, named.Length);
        Assert.Contains("ContactMade", named);
        Assert.Contains("StatusSet", named);
        Assert.Contains("Regress", named);
        Assert.DoesNotContain("FormSubmitted", named);
        Assert.DoesNotContain("SlaBreached", named);
        Assert.DoesNotContain("NoContactTimeout", named);
    }

    [Fact]
    public async Task Events_more_than_five_minutes_in_the_future_are_400()
    {
        var leadId = await _client.NewLeadAsync();
        var response = await _client.PostAsJsonAsync($"/api/leads/{leadId}/events", Api.Event("ContactMade", occurredAt: DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("occurredAt", out _));
    }

    [Fact]
    public async Task Events_for_malformed_or_unknown_leads_are_404()
    {
        var malformed = await _client.PostAsJsonAsync("/api/leads/not-a-lead/events", Api.Event("ContactMade"));
        var unknown = await _client.PostAsJsonAsync($"/api/leads/{factory.LeadIdFor(Api.Email())}/events", Api.Event("ContactMade"));
        var unknownEmail = await _client.PostAsJsonAsync("/api/events", new { eventId = "e1", type = "ContactMade", occurredAt = DateTimeOffset.UtcNow, actor = "crm", email = Api.Email() });

        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownEmail.StatusCode);
    }

    [Fact]
    public async Task Events_by_email_need_a_valid_email()
    {
        var response = await _client.PostAsJsonAsync("/api/events", Api.Event("ContactMade"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task Keyed_routes_need_the_key()
    {
        var anonymous = factory.Anonymous();
        var leadId = factory.LeadIdFor(Api.Email());
        var none = await anonymous.GetAsync($"/api/leads/{leadId}");
        var wrong = new HttpRequestMessage(HttpMethod.Get, $"/api/leads/{leadId}");
        wrong.Headers.Add("x-functions-key", "wrong");
        var wrongResponse = await anonymous.SendAsync(wrong);
        var events = await anonymous.PostAsJsonAsync($"/api/leads/{leadId}/events", Api.Event("ContactMade"));
        var sweep = await anonymous.PostAsync("/api/admin/sweeps/recycle-dark?dryRun=true", null);
        var byQuery = await anonymous.GetAsync($"/api/leads/{leadId}?code={ApiFactory.ApiKey}");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongResponse.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, events.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, sweep.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byQuery.StatusCode);
    }
}
