using System.Net;

namespace LeadFunctions.Api.Tests;

public sealed class SweepTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.Keyed();

    [Fact]
    public async Task A_dry_run_plans_without_changing_and_a_real_run_changes()
    {
        var leadId = await _client.NewLeadAsync(formId: "newsletter");
        var status = (await (await _client.GetAsync($"/api/leads/{leadId}")).JsonAsync()).GetProperty("status").GetString();
        const string asOf = "2031-06-01T00:00:00Z";

        var sweep = await FindSweepAsync(leadId, asOf);
        var dry = await (await _client.PostAsync($"/api/admin/sweeps/{sweep}?dryRun=true&asOf={asOf}", null)).JsonAsync();
        Assert.True(dry.GetProperty("dryRun").GetBoolean());
        Assert.Equal(sweep, dry.GetProperty("sweep").GetString());
        Assert.Equal(status, (await (await _client.GetAsync($"/api/leads/{leadId}")).JsonAsync()).GetProperty("status").GetString());

        var run = await _client.PostAsync($"/api/admin/sweeps/{sweep}?asOf={asOf}", null);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var report = await run.JsonAsync();
        Assert.False(report.GetProperty("dryRun").GetBoolean());
        Assert.True(report.GetProperty("queued").GetInt32() >= 1);

        // The sweep queues; the local host's transition worker applies.
        var lead = await _client.WaitForLeadAsync(leadId, l => l.GetProperty("history").GetArrayLength() >= 2);
        Assert.Equal(2, lead.GetProperty("history").GetArrayLength());
        Assert.Contains(lead.GetProperty("history").EnumerateArray(), h => h.GetProperty("actor").GetString() == "sweep:" + sweep);
    }

    [Fact]
    public async Task Every_sweep_is_listed_with_its_schedule_and_its_latest_run_done_of_total()
    {
        await _client.NewLeadAsync(formId: "pricing");
        var report = await (await _client.PostAsync("/api/admin/sweeps/flag-sla-breaches?dryRun=true&asOf=2031-06-01T00:00:00Z", null)).JsonAsync();

        var response = await _client.GetAsync("/api/admin/sweeps");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sweeps = (await response.JsonAsync()).GetProperty("sweeps").EnumerateArray().ToList();
        Assert.Equal(
            ["disqualify-no-contact", "recycle-dark", "flag-check-backs", "flag-sla-breaches", "assign-queued", "suppress-unengaged", "decay-interest"],
            sweeps.Select(s => s.GetProperty("sweep").GetString()));
        Assert.All(sweeps, s => Assert.Equal(6, s.GetProperty("schedule").GetString()!.Split(' ').Length));
        var run = sweeps.Single(s => s.GetProperty("sweep").GetString() == "flag-sla-breaches").GetProperty("latestDryRun");
        Assert.Equal(report.GetProperty("runId").GetString(), run.GetProperty("runId").GetString());
        Assert.Equal("Completed", run.GetProperty("state").GetString());
        Assert.True(run.GetProperty("dryRun").GetBoolean());
        Assert.True(run.GetProperty("total").GetInt32() >= 1);
        Assert.Equal(report.GetProperty("total").GetInt32(), run.GetProperty("total").GetInt32());
        Assert.Equal(report.GetProperty("examined").GetInt32(), run.GetProperty("done").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/api/admin/sweeps")).StatusCode);
    }

    [Fact]
    public async Task A_run_without_asOf_runs_as_of_now()
    {
        var response = await _client.PostAsync("/api/admin/sweeps/flag-sla-breaches?dryRun=true", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("dryRun").GetBoolean());
    }

    [Fact]
    public async Task Unknown_sweeps_are_404_and_bad_parameters_400()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PostAsync("/api/admin/sweeps/no-such-sweep", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsync("/api/admin/sweeps/recycle-dark?dryRun=maybe", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsync("/api/admin/sweeps/recycle-dark?asOf=soon", null)).StatusCode);
    }

    private async Task<string> FindSweepAsync(string leadId, string asOf)
    {
        foreach (var sweep in new[] { "disqualify-no-contact", "recycle-dark", "flag-check-backs", "flag-sla-breaches" })
        {
            var response = await _client.PostAsync($"/api/admin/sweeps/{sweep}?dryRun=true&asOf={asOf}", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if ((await response.JsonAsync()).GetProperty("planned").EnumerateArray().Any(p => p.GetProperty("leadId").GetString() == leadId))
            {
                return sweep;
            }
        }

        throw new Xunit.Sdk.XunitException("No sweep plans anything for the new lead.");
    }
}

public sealed class ProductionSweepTests(ProductionApiFactory factory) : IClassFixture<ProductionApiFactory>
{
    [Fact]
    public async Task AsOf_is_refused_outside_development()
    {
        var client = factory.Keyed();
        var timeTravel = await client.PostAsync("/api/admin/sweeps/recycle-dark?dryRun=true&asOf=2031-01-01T00:00:00Z", null);
        var now = await client.PostAsync("/api/admin/sweeps/recycle-dark?dryRun=true", null);

        Assert.Equal(HttpStatusCode.BadRequest, timeTravel.StatusCode);
        Assert.True((await timeTravel.JsonAsync()).GetProperty("errors").TryGetProperty("asOf", out _));
        Assert.Equal(HttpStatusCode.OK, now.StatusCode);
    }
}

/// <summary>Sweeps queue commands and the consumer applies them, in the local host as in the Functions app.</summary>
public sealed class QueuedSweepTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_sweep_queues_the_command_and_the_queue_consumer_applies_it_once()
    {
        var client = factory.Keyed();
        var leadId = await client.NewLeadAsync(formId: "newsletter");
        const string asOf = "2031-06-01T00:00:00Z";

        var report = await (await client.PostAsync($"/api/admin/sweeps/recycle-dark?asOf={asOf}", null)).JsonAsync();
        await client.PostAsync($"/api/admin/sweeps/recycle-dark?asOf={asOf}", null); // may queue the same command again

        Assert.True(report.GetProperty("queued").GetInt32() >= 1);
        Assert.Equal(0, report.GetProperty("changed").GetInt32());
        var lead = await client.WaitForLeadAsync(leadId, l => l.GetProperty("status").GetString() == "Recycled");
        Assert.Equal("Marketing", lead.GetProperty("ownerTeam").GetString());
        await Task.Delay(TimeSpan.FromSeconds(1)); // let a second copy, if queued, reach the consumer

        var history = (await (await client.GetAsync($"/api/leads/{leadId}")).JsonAsync()).GetProperty("history").EnumerateArray().ToList();
        Assert.Single(history, h => h.GetProperty("type").GetString() == "WentDark" && h.GetProperty("outcome").GetString() == "Applied");
    }
}
