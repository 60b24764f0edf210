using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LeadFunctions.Api.Tests;

/// <summary>
/// Issue 14, item 5 over HTTP: the SLA sweep warns the rep, then reassigns the lead within its team at the breach; a
/// rep's New inbox comes back soonest SLA first, every lead carrying <c>slaDueAt</c>.
/// </summary>
public sealed class SlaTests : IDisposable
{
    // A fixture of its own: the sweeps here run far ahead of now and would touch other tests' leads.
    private readonly EveryDayApiFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task A_routed_lead_is_warned_then_reassigned_to_another_rep_of_its_team_at_the_breach()
    {
        var client = _factory.Keyed();
        var leadId = await client.NewLeadAsync();
        var routed = await client.WaitForLeadAsync(leadId, l => l.GetProperty("owner").ValueKind == JsonValueKind.String);
        var firstRep = routed.GetProperty("owner").GetString()!;
        var breachAt = routed.GetProperty("slaDueAt").GetDateTimeOffset();

        await SweepAsync(client, breachAt.AddHours(-8));
        var warned = await client.WaitForLeadAsync(leadId, l => Flags(l).Contains("SlaWarning"));
        await SweepAsync(client, breachAt);
        var breached = await client.WaitForLeadAsync(leadId, l => Flags(l).Contains("SlaBreached"));

        Assert.Equal(firstRep, warned.GetProperty("owner").GetString());
        var newRep = breached.GetProperty("owner").GetString();
        Assert.NotNull(newRep);
        Assert.NotEqual(firstRep, newRep);
        Assert.Equal("inbound-sales", breached.GetProperty("team").GetString());
        Assert.DoesNotContain("SlaWarning", Flags(breached));
        Assert.Equal(firstRep, breached.GetProperty("previousOwner").GetProperty("rep").GetString());

        var history = breached.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("outcome").GetString() == "Applied").ToList();
        var warning = Assert.Single(history, h => h.GetProperty("type").GetString() == "SlaWarning");
        Assert.Equal((firstRep, firstRep), (warning.GetProperty("fromOwner").GetString(), warning.GetProperty("toOwner").GetString()));
        var breach = Assert.Single(history, h => h.GetProperty("type").GetString() == "SlaBreached");
        Assert.Equal((firstRep, newRep), (breach.GetProperty("fromOwner").GetString(), breach.GetProperty("toOwner").GetString()));
        Assert.Contains(
            breach.GetProperty("assignment").GetProperty("skipped").EnumerateArray(),
            s => s.GetProperty("rep").GetString() == firstRep && s.GetProperty("why").GetString() == "PassedOver");
    }

    [Fact]
    public async Task A_reps_New_inbox_is_sorted_by_sla_due_time_and_every_lead_carries_it()
    {
        var client = _factory.Keyed();
        List<string> leads = [await client.NewLeadAsync(), await client.NewLeadAsync(), await client.NewLeadAsync()];
        foreach (var leadId in leads)
        {
            await client.WaitForLeadAsync(leadId, l => l.GetProperty("owner").ValueKind == JsonValueKind.String);
        }

        // Handed to rep-cat one after another in the reverse of the store's (id) order: each gets a later clock, so
        // the inbox must be re-sorted to come back in due order.
        List<string> handedOrder = [.. leads.Order(StringComparer.Ordinal).Reverse()];
        foreach (var leadId in handedOrder)
        {
            await ReassignAsync(client, leadId, "rep-cat");
        }

        var response = await client.GetAsync("/api/leads?owner=rep-cat&status=New");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var dues = items.Select(i => i.GetProperty("slaDueAt").GetDateTimeOffset()).ToList();
        Assert.Equal(dues.Order(), dues);
        Assert.Equal(handedOrder, items.Select(i => i.GetProperty("id").GetString()!).Where(leads.Contains));
        var single = await (await client.GetAsync($"/api/leads/{handedOrder[0]}")).JsonAsync();
        Assert.Equal(dues[items.FindIndex(i => i.GetProperty("id").GetString() == handedOrder[0])], single.GetProperty("slaDueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_status_without_an_sla_has_a_null_sla_due_time()
    {
        var client = _factory.Keyed();
        var leadId = await client.NewLeadAsync(formId: "newsletter");

        var lead = await client.WaitForLeadAsync(leadId, _ => true);

        Assert.Equal("Nurturing", lead.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, lead.GetProperty("slaDueAt").ValueKind);
    }

    private static async Task ReassignAsync(HttpClient client, string leadId, string rep)
    {
        var current = await (await client.GetAsync($"/api/leads/{leadId}")).JsonAsync();
        if (current.GetProperty("owner").GetString() == rep)
        {
            // Routing already gave it to that rep: move it away first so the reassignment below starts a later clock.
            await ReassignAsync(client, leadId, rep == "rep-ann" ? "rep-ben" : "rep-ann");
        }

        await Task.Delay(20); // distinct occurredAt instants, so the clocks differ
        var reassign = new { eventId = Guid.NewGuid().ToString("N"), type = "Reassigned", occurredAt = DateTimeOffset.UtcNow, actor = "mgr-mia", reason = "inbox test", owner = rep };
        var response = await client.PostAsJsonAsync($"/api/leads/{leadId}/events", reassign);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await client.WaitForLeadAsync(leadId, l => l.GetProperty("owner").GetString() == rep);
    }

    private static async Task SweepAsync(HttpClient client, DateTimeOffset asOf)
    {
        var instant = Uri.EscapeDataString(asOf.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        var response = await client.PostAsync($"/api/admin/sweeps/flag-sla-breaches?asOf={instant}", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static List<string?> Flags(JsonElement lead) => [.. lead.GetProperty("flags").EnumerateArray().Select(f => f.GetString())];
}
