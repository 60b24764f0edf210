using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace LeadFunctions.Api.Tests;

/// <summary>Issue 16, item 3, end to end: leads with utm values and events in, the stored report refreshed and read as JSON and CSV.</summary>
public sealed class VelocityReportTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.Keyed();

    [Fact]
    public async Task The_velocity_report_refreshes_on_demand_and_answers_source_cohorts_as_json_and_csv()
    {
        var source = "src-" + Guid.NewGuid().ToString("N")[..8];
        var worked = await SubmitAsync("contact-us", source, "cpc");
        await SubmitAsync("contact-us", source, "cpc");
        var nurtured = await SubmitAsync("whitepaper", source, "email");
        // After the form, so the status stamps are in the order they happened (Api.OwnedEvent dates events a minute back).
        await Task.Delay(10);
        await _client.PostAsJsonAsync($"/api/leads/{worked}/events", new { eventId = Guid.NewGuid().ToString("N"), type = "FirstOutreachSent", occurredAt = DateTimeOffset.UtcNow, actor = "rep-1", owner = "rep-seven" });
        var lead = await _client.WaitForLeadAsync(worked, l => l.GetProperty("status").GetString() == "ActivelyWorking");
        var mql = await (await _client.GetAsync($"/api/leads/{nurtured}")).JsonAsync();

        Assert.Equal(source, lead.GetProperty("campaigns").GetProperty("origin").GetProperty("source").GetString());
        Assert.True(TimeSpan.Parse(lead.GetProperty("midFunnelAge").GetString()!, System.Globalization.CultureInfo.InvariantCulture) >= TimeSpan.Zero);
        Assert.False(mql.TryGetProperty("midFunnelAge", out _));

        var response = await _client.GetAsync("/api/reports/velocity?cohort=source&refresh=true");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.JsonAsync();
        Assert.Equal("Source", report.GetProperty("cohort").GetString());
        var cohort = report.GetProperty("cohorts").EnumerateArray().Single(c => c.GetProperty("key").GetString() == source);
        Assert.Equal(3, cohort.GetProperty("leads").GetInt32());
        Assert.Equal(1, cohort.GetProperty("mqlAcceptance").GetProperty("mqls").GetInt32());
        var outreach = cohort.GetProperty("statusPairs").EnumerateArray()
            .Single(p => p.GetProperty("from").GetString() == "New" && p.GetProperty("to").GetString() == "ActivelyWorking");
        Assert.Equal(1, outreach.GetProperty("leads").GetInt32());
        Assert.Equal(2, report.GetProperty("fromCreated").GetArrayLength());

        var csvRequest = new HttpRequestMessage(HttpMethod.Get, "/api/reports/velocity?cohort=source");
        csvRequest.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await _client.SendAsync(csvRequest);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("asOf,cohortBy,cohort,kind,from,to,leads,reached,rate,medianSeconds,p90Seconds,fromDisplayName,toDisplayName", lines[0]);
        Assert.StartsWith(report.GetProperty("asOf").GetDateTimeOffset().ToString("O", System.Globalization.CultureInfo.InvariantCulture), lines[1], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains($",Source,{source},status,New,ActivelyWorking,1,1,,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($",Source,{source},mqlAcceptance,MQL,SQL,1,0,0,,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_cohort_or_refresh_value_is_a_field_error()
    {
        var response = await _client.GetAsync("/api/reports/velocity?cohort=planet&refresh=maybe");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("cohort", out _));
        Assert.True(errors.TryGetProperty("refresh", out _));
    }

    private async Task<string> SubmitAsync(string formId, string source, string medium)
    {
        var response = await _client.SubmitJsonAsync(formId, new Dictionary<string, string>
        {
            ["email"] = Api.Email(), ["firstName"] = "Ada", ["company"] = "Acme", ["country"] = "FR", ["utm_source"] = source, ["utm_medium"] = medium,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("leadId").GetString()!;
    }
}
