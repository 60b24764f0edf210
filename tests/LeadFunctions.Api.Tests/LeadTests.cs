using System.Net;

namespace LeadFunctions.Api.Tests;

public sealed class LeadTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.Keyed();

    [Fact]
    public async Task A_lead_reads_back_with_canonical_names_and_history()
    {
        var email = Api.Email();
        var leadId = await _client.NewLeadAsync(email);
        var response = await _client.GetAsync($"/api/leads/{leadId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lead = await response.JsonAsync();
        Assert.Equal(leadId, lead.GetProperty("id").GetString());
        Assert.Equal(email, lead.GetProperty("person").GetProperty("email").GetString());
        Assert.Equal("Ada", lead.GetProperty("person").GetProperty("firstName").GetString());
        var stage = lead.GetProperty("stage").GetString()!;
        Assert.Contains(stage, new[] { "MQL", "SQL" });
        Assert.False(string.IsNullOrEmpty(lead.GetProperty("status").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Array, lead.GetProperty("flags").ValueKind);
        Assert.True(lead.GetProperty("stageStamps").TryGetProperty(stage, out _));
        Assert.False(lead.GetProperty("suppressed").GetBoolean());
        var history = Assert.Single(lead.GetProperty("history").EnumerateArray());
        Assert.Equal("FormSubmitted", history.GetProperty("type").GetString());
        Assert.Equal("Applied", history.GetProperty("outcome").GetString());
        Assert.Equal("form:contact-us", history.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Malformed_and_unknown_leads_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/leads/ld-bad")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/leads/{factory.LeadIdFor(Api.Email())}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.DeleteAsync($"/api/leads/{factory.LeadIdFor(Api.Email())}")).StatusCode);
    }

    [Fact]
    public async Task Message_and_consent_are_returned_to_keyed_readers_and_erased_with_the_lead()
    {
        var email = Api.Email();
        const string Message = "We need a quote\r\nfor 40 seats\u0007 by Friday, Quixotic-walrus";
        var submitted = await _client.SubmitJsonAsync("pricing", new { email, company = "Acme", country = "de", consent = true, message = Message });
        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var leadId = (await submitted.JsonAsync()).GetProperty("leadId").GetString()!;

        var lead = await (await _client.GetAsync($"/api/leads/{leadId}")).JsonAsync();
        Assert.True(lead.GetProperty("consent").GetBoolean());
        var message = lead.GetProperty("lastMessage");
        Assert.Equal("We need a quote\nfor 40 seats by Friday, Quixotic-walrus", message.GetProperty("text").GetString());
        Assert.Equal("pricing", message.GetProperty("formId").GetString());
        Assert.Equal("DE", lead.GetProperty("person").GetProperty("country").GetString());

        // A later form without a message keeps the last one.
        Assert.Equal(HttpStatusCode.Accepted, (await _client.SubmitJsonAsync("whitepaper", new { email })).StatusCode);
        var again = await (await _client.GetAsync($"/api/leads/{leadId}")).JsonAsync();
        Assert.Equal("pricing", again.GetProperty("lastMessage").GetProperty("formId").GetString());
        Assert.True(await StoredAnywhereAsync("Quixotic-walrus"));

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/leads/{leadId}")).StatusCode);
        Assert.False(await StoredAnywhereAsync("Quixotic-walrus"));
    }

    [Fact]
    public async Task Erase_removes_the_lead_and_its_due_entries()
    {
        var leadId = await _client.NewLeadAsync();
        var before = await PlannedAsync(leadId);

        var erase = await _client.DeleteAsync($"/api/leads/{leadId}");
        var after = await _client.GetAsync($"/api/leads/{leadId}");

        Assert.True(before, "The new lead should be due for some sweep before erasure.");
        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.False(await PlannedAsync(leadId));
    }

    /// <summary>Whether any row of the Leads table, in any column, holds the text.</summary>
    private async Task<bool> StoredAnywhereAsync(string text)
    {
        var table = new Azure.Data.Tables.TableClient(factory.ConnectionString, factory.LeadsTable);
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            if (row.Any(p => p.Value is string s && s.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any sweep's dry run, far in the future, examines the lead: only due-index entries lead a sweep to a lead.</summary>
    private async Task<bool> PlannedAsync(string leadId)
    {
        foreach (var sweep in new[] { "disqualify-no-contact", "recycle-dark", "flag-check-backs", "flag-sla-breaches" })
        {
            var response = await _client.PostAsync($"/api/admin/sweeps/{sweep}?dryRun=true&asOf=2030-01-01T00:00:00Z", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var report = await response.JsonAsync();
            if (report.GetProperty("planned").EnumerateArray().Any(p => p.GetProperty("leadId").GetString() == leadId))
            {
                return true;
            }
        }

        return false;
    }
}
