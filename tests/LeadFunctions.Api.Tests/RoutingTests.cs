using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LeadFunctions.Api.Tests;

/// <summary>
/// Routing over HTTP, as a RevOps engineer would try it on the local host: a hand-raise owned at once with its reason,
/// a territory's queue drained by its rep's return, a manual reassignment, the reverse handoff leaving the rep's view,
/// and a check-back coming round to sales. Each test has its own host (availability is shared state).
/// </summary>
public sealed class RoutingTests : IDisposable
{
    private static readonly string[] InboundReps = ["rep-ann", "rep-ben", "rep-cat"];
    private readonly ApiFactory _factory = new();
    private readonly HttpClient _client;

    public RoutingTests() => _client = _factory.Keyed();

    public void Dispose() => _factory.Dispose();

    private async Task<JsonElement> LeadAsync(string leadId) => await (await _client.GetAsync($"/api/leads/{leadId}")).JsonAsync();

    private async Task<string> HandRaiseAsync(string country = "US")
    {
        var response = await _client.SubmitJsonAsync("pricing", new { email = Api.Email(), company = "Acme", country, employees = 300, jobTitle = "VP Sales" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("leadId").GetString()!;
    }

    private async Task<IReadOnlyList<string>> IdsAsync(string query)
        => [.. (await (await _client.GetAsync("/api/leads?" + query)).JsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    /// <summary>A string member, or null when it is null or left out (the API leaves nulls out).</summary>
    private static string? Text(JsonElement element, string name)
        => element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [Fact]
    public async Task A_hand_raise_is_owned_at_once_and_the_lead_says_why()
    {
        var leadId = await HandRaiseAsync();

        var lead = await LeadAsync(leadId);
        var assignment = lead.GetProperty("assignment");
        var line = Assert.Single(lead.GetProperty("history").EnumerateArray());

        Assert.Contains(Text(lead, "owner"), InboundReps);
        Assert.Equal("inbound-sales", Text(lead, "team"));
        Assert.Equal(Text(lead, "owner"), Text(assignment, "rep"));
        Assert.Equal("default team inbound-sales, weighted rotation", Text(assignment, "reason"));
        Assert.Equal(Text(lead, "owner"), Text(line, "toOwner"));
        Assert.Equal(Text(lead, "owner"), Text(line.GetProperty("assignment"), "rep"));
    }

    [Fact]
    public async Task A_territory_lead_waits_in_its_team_queue_until_its_rep_is_back()
    {
        var away = await _client.PutAsJsonAsync("/api/reps/rep-dan/availability", new { available = false });
        Assert.Equal(HttpStatusCode.OK, away.StatusCode);

        var leadId = await HandRaiseAsync(country: "CA");
        var queued = await LeadAsync(leadId);
        var queue = await IdsAsync("team=canada-sales&flag=Unassigned");
        var back = await (await _client.PutAsJsonAsync("/api/reps/rep-dan/availability", new { available = true })).JsonAsync();
        var placed = await _client.WaitForLeadAsync(leadId, l => Text(l, "owner") == "rep-dan");

        Assert.Null(Text(queued, "owner"));
        Assert.Equal("canada-sales", Text(queued, "team"));
        Assert.Equal("canada", Text(queued.GetProperty("assignment"), "rule"));
        Assert.Contains("Unassigned", queued.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal([leadId], queue);
        Assert.Equal(1, back.GetProperty("queuedLeadsOffered").GetInt32());
        Assert.DoesNotContain("Unassigned", placed.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal("AssignmentDue", Text(placed.GetProperty("history").EnumerateArray().Last(), "type"));
    }

    [Fact]
    public async Task A_reassignment_names_the_rep_and_the_reason_and_without_a_reason_is_refused_on_the_record()
    {
        var leadId = await HandRaiseAsync();
        var routedTo = Text(await LeadAsync(leadId), "owner");
        var target = routedTo == "rep-cat" ? "rep-ben" : "rep-cat";

        await _client.PostAsJsonAsync($"/api/leads/{leadId}/events", Api.OwnedEvent("Reassigned", target, reason: null, actor: "mgr-mia"));
        await _client.WaitForLeadAsync(leadId, l => l.GetProperty("history").GetArrayLength() == 2);
        await _client.PostAsJsonAsync($"/api/leads/{leadId}/events", Api.OwnedEvent("Reassigned", target, reason: "speaks Portuguese", actor: "mgr-mia"));
        var lead = await _client.WaitForLeadAsync(leadId, l => Text(l, "owner") == target);

        var history = lead.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(("Rejected", "reason-required"), (Text(history[1], "outcome"), Text(history[1], "rejectionCode")));
        Assert.Equal((routedTo, target), (Text(history[2], "fromOwner"), Text(history[2], "toOwner")));
        Assert.Equal("reassigned by mgr-mia: speaks Portuguese", Text(lead.GetProperty("assignment"), "reason"));
        Assert.Equal(routedTo, Text(lead.GetProperty("previousOwner"), "rep"));
    }

    [Fact]
    public async Task Handing_back_takes_the_lead_out_of_the_reps_view()
    {
        var leadId = await HandRaiseAsync();
        var rep = Text(await LeadAsync(leadId), "owner")!;
        var before = await IdsAsync($"owner={rep}");

        await _client.PostAsJsonAsync($"/api/leads/{leadId}/events", Api.Event("BadFit", actor: rep));
        var lead = await _client.WaitForLeadAsync(leadId, l => Text(l, "status") == "BadFit");
        var after = await IdsAsync($"owner={rep}");

        Assert.Contains(leadId, before);
        Assert.DoesNotContain(leadId, after);
        Assert.Null(Text(lead, "owner"));
        Assert.Null(Text(lead, "team"));
        Assert.Equal("Marketing", Text(lead, "ownerTeam"));
        Assert.Equal(rep, Text(lead.GetProperty("previousOwner"), "rep"));
        Assert.Equal((rep, null), (Text(lead.GetProperty("history").EnumerateArray().Last(), "fromOwner"), Text(lead.GetProperty("history").EnumerateArray().Last(), "toOwner")));
    }

    [Fact]
    public async Task A_check_back_comes_round_to_sales_with_its_rep_and_is_set_for_the_next_quarter()
    {
        var leadId = await HandRaiseAsync();
        var rep = Text(await LeadAsync(leadId), "owner");
        var checkBackAt = DateTimeOffset.UtcNow.AddDays(1);
        await _client.PostAsJsonAsync($"/api/leads/{leadId}/events", new
        {
            eventId = Guid.NewGuid().ToString("N"), type = "CheckBackLater", occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), actor = rep,
            checkBackAt = checkBackAt.ToString("O", CultureInfo.InvariantCulture),
        });
        await _client.WaitForLeadAsync(leadId, l => Text(l, "status") == "CheckBackQuarterly");

        var asOf = Uri.EscapeDataString(checkBackAt.AddHours(1).ToString("O", CultureInfo.InvariantCulture));
        var sweep = await _client.PostAsync($"/api/admin/sweeps/flag-check-backs?asOf={asOf}", null);
        var lead = await _client.WaitForLeadAsync(leadId, l => Text(l, "status") == "New");

        Assert.Equal(HttpStatusCode.OK, sweep.StatusCode);
        Assert.Equal("SQL", Text(lead, "stage"));
        Assert.Equal(rep, Text(lead, "owner"));
        Assert.Contains("CheckBackDue", lead.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(checkBackAt.AddMonths(3).UtcDateTime, lead.GetProperty("nextCheckBackAt").GetDateTimeOffset().UtcDateTime, TimeSpan.FromSeconds(1));
    }
}
