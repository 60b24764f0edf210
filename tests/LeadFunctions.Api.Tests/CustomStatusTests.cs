using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Events;

namespace LeadFunctions.Api.Tests;

/// <summary>
/// Issue 16, items 1 and 2, end to end on a test playbook: StatusSet moves a lead into "Hot! Hot! Hot!" (the sales
/// inbox: SLA clock, a rep) and "Sleeping Giant" (nurture: back to marketing), refusals are recorded with their code,
/// and the view, history, list filter, lead events and velocity report speak the status's own name and display name.
/// </summary>
public sealed class CustomStatusTests : IDisposable
{
    private const string Hot = CustomStatusesApiFactory.Hot;
    private const string Sleeping = CustomStatusesApiFactory.Sleeping;

    private readonly CustomStatusesApiFactory _factory = new();
    private readonly HttpClient _client;

    public CustomStatusTests() => _client = _factory.Keyed();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_nurtured_lead_set_hot_is_in_the_sales_inbox_under_its_own_name_then_sleeps_with_marketing()
    {
        var leadId = await NurturedLeadAsync();

        Assert.Equal(HttpStatusCode.Accepted, (await SetStatusAsync(leadId, Hot, "asked for a call back")).StatusCode);
        var hot = await _client.WaitForLeadAsync(leadId, l => Text(l, "statusName") == Hot && Text(l, "owner") is not null);

        Assert.Equal(("New", Hot, "Hot! Hot! Hot!"), (Text(hot, "status"), Text(hot, "statusName"), Text(hot, "statusDisplayName")));
        Assert.Equal(("SQL", "Sales"), (Text(hot, "stage"), Text(hot, "ownerTeam")));
        Assert.NotEqual(JsonValueKind.Null, hot.GetProperty("slaDueAt").ValueKind);
        Assert.True(hot.GetProperty("statusStamps").TryGetProperty(Hot, out _));
        var line = hot.GetProperty("history").EnumerateArray().Single(h => Text(h, "type") == "StatusSet");
        Assert.Equal(("Applied", "Nurturing", Hot, "Hot! Hot! Hot!"), (Text(line, "outcome"), Text(line, "fromStatusName"), Text(line, "toStatusName"), Text(line, "toStatusDisplayName")));

        // ?status= with the custom name finds that status; with the built-in name, the role: the rep's New inbox holds it too.
        Assert.Contains(leadId, await ListAsync($"status={Hot}"));
        Assert.Contains(leadId, await ListAsync($"status=New&owner={Text(hot, "owner")}"));
        Assert.DoesNotContain(leadId, await ListAsync($"status={Sleeping}"));

        var changed = (await WaitForEventsAsync(leadId, e => e.Type == LeadEventType.StatusChanged)).To;
        Assert.Equal((Domain.Lifecycle.LeadStatus.New, Hot, "Hot! Hot! Hot!"), (changed.Status, changed.StatusName, changed.StatusDisplayName));

        Assert.Equal(HttpStatusCode.Accepted, (await SetStatusAsync(leadId, Sleeping, "big, but not this year")).StatusCode);
        var sleeping = await _client.WaitForLeadAsync(leadId, l => Text(l, "statusName") == Sleeping);

        Assert.Equal(("Nurturing", "Sleeping Giant", "Marketing"), (Text(sleeping, "status"), Text(sleeping, "statusDisplayName"), Text(sleeping, "ownerTeam")));
        Assert.False(sleeping.TryGetProperty("owner", out var owner) && owner.ValueKind != JsonValueKind.Null);
        Assert.Equal(JsonValueKind.Null, sleeping.GetProperty("slaDueAt").ValueKind);
        Assert.Equal(Text(hot, "owner"), Text(sleeping.GetProperty("previousOwner"), "rep"));
    }

    [Fact]
    public async Task A_status_its_from_list_does_not_allow_is_refused_and_recorded_with_its_code()
    {
        var leadId = await NurturedLeadAsync();
        var eventId = Guid.NewGuid().ToString("N");

        // Sleeping Giant is reached from the inbox and the working statuses, not from Nurturing.
        Assert.Equal(HttpStatusCode.Accepted, (await SetStatusAsync(leadId, Sleeping, eventId: eventId)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await SetStatusAsync(leadId, "Lukewarm")).StatusCode);
        var lead = await _client.WaitForLeadAsync(leadId, l => l.GetProperty("history").GetArrayLength() >= 3);

        var refusals = lead.GetProperty("history").EnumerateArray().Where(h => Text(h, "type") == "StatusSet").ToList();
        Assert.All(refusals, r => Assert.Equal("Rejected", Text(r, "outcome")));
        Assert.Equal(["status-not-allowed", "unknown-status"], refusals.Select(r => Text(r, "rejectionCode")).Order(StringComparer.Ordinal));
        Assert.Equal(("Nurturing", "Nurturing"), (Text(lead, "statusName"), Text(refusals[0], "toStatusName")));
    }

    [Fact]
    public async Task An_unknown_status_filter_lists_the_playbooks_statuses_and_the_playbook_lists_custom_ones_with_their_role()
    {
        var response = await _client.GetAsync("/api/leads?status=Lukewarm");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty("status")[0].GetString()!;
        Assert.Contains($"New, ActivelyWorking,", message, StringComparison.Ordinal);
        Assert.Contains($"{Hot}, {Sleeping}", message, StringComparison.Ordinal);

        var statuses = (await (await _client.GetAsync("/api/playbook")).JsonAsync()).GetProperty("statuses").EnumerateArray()
            .ToDictionary(s => Text(s, "name")!);
        Assert.Equal(("inbox", "Hot! Hot! Hot!"), (Text(statuses[Hot], "role"), Text(statuses[Hot], "displayName")));
        Assert.Equal(("nurture", "Sleeping Giant"), (Text(statuses[Sleeping], "role"), Text(statuses[Sleeping], "displayName")));
        Assert.Equal("inbox", Text(statuses["New"], "role"));

        var unknownType = await _client.PostAsJsonAsync($"/api/leads/{await _client.NewLeadAsync()}/events", Api.Event("Teleported"));
        Assert.Contains("StatusSet", (await unknownType.JsonAsync()).GetProperty("errors").GetProperty("type")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_velocity_report_names_custom_statuses_with_display_names_in_json_and_csv()
    {
        var leadId = await NurturedLeadAsync();
        await SetStatusAsync(leadId, Hot);
        await _client.WaitForLeadAsync(leadId, l => Text(l, "statusName") == Hot);

        var report = await (await _client.GetAsync("/api/reports/velocity?refresh=true")).JsonAsync();

        var pair = report.GetProperty("statusPairs").EnumerateArray().Single(p => Text(p, "to") == Hot);
        Assert.Equal(("Nurturing", "Nurturing", "Hot! Hot! Hot!"), (Text(pair, "from"), Text(pair, "fromDisplayName"), Text(pair, "toDisplayName")));
        var step = report.GetProperty("steps").EnumerateArray().Single(s => Text(s, "from") == "MQL" && Text(s, "to") == "SQL");
        Assert.Equal(("Marketing Qualified Lead", "Sales Qualified Lead"), (Text(step, "fromDisplayName"), Text(step, "toDisplayName")));
        Assert.Equal(1, report.GetProperty("byStatus").GetProperty(Hot).GetInt32());

        var request = new HttpRequestMessage(HttpMethod.Get, "/api/reports/velocity");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var lines = (await (await _client.SendAsync(request)).Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.EndsWith(",fromDisplayName,toDisplayName", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains($",,status,Nurturing,{Hot},1,1,,", StringComparison.Ordinal) && l.EndsWith(",Nurturing,Hot! Hot! Hot!", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",,stage,MQL,SQL,", StringComparison.Ordinal) && l.EndsWith(",Marketing Qualified Lead,Sales Qualified Lead", StringComparison.Ordinal));
    }

    /// <summary>A good-fit whitepaper download: MQL / Nurturing, with marketing.</summary>
    private async Task<string> NurturedLeadAsync()
    {
        var response = await _client.SubmitJsonAsync("whitepaper", new { email = Api.Email(), company = "Acme", country = "US", employees = 300, jobTitle = "VP Sales" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var leadId = (await response.JsonAsync()).GetProperty("leadId").GetString()!;
        Assert.Equal("Nurturing", Text(await (await _client.GetAsync($"/api/leads/{leadId}")).JsonAsync(), "statusName"));

        // Events are dated after the form, so the stamps are in the order things happened.
        await Task.Delay(10);
        return leadId;
    }

    private Task<HttpResponseMessage> SetStatusAsync(string leadId, string status, string? reason = null, string? eventId = null)
        => _client.PostAsJsonAsync($"/api/leads/{leadId}/events", new
        {
            eventId = eventId ?? Guid.NewGuid().ToString("N"), type = "StatusSet", occurredAt = DateTimeOffset.UtcNow, actor = "mgr-mia", status, reason,
        });

    private async Task<List<string>> ListAsync(string query)
    {
        var response = await _client.GetAsync($"/api/leads?{query}&pageSize=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(i => Text(i, "id")!)];
    }

    /// <summary>Peeks the local lead-events queue until the lead has an event that matches; bounded so a broken relay fails.</summary>
    private async Task<LeadEvent> WaitForEventsAsync(string leadId, Func<LeadEvent, bool> match)
    {
        var queue = _factory.LeadEventsQueue;
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            await queue.CreateIfNotExistsAsync();
            var peeked = (await queue.PeekMessagesAsync(32)).Value;
            var found = peeked.SelectMany(m => LeadEventMessageJson.Read(m.MessageText)).FirstOrDefault(e => e.LeadId == leadId && match(e));
            if (found is not null)
            {
                return found;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, "The lead's event did not reach the lead-events queue.");
            await Task.Delay(100);
        }
    }

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();
}
