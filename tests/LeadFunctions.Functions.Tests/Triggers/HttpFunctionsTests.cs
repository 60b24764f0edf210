using System.Text.Json;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Functions.Http;
using LeadFunctions.Functions.Tests.Support;
using LeadFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace LeadFunctions.Functions.Tests.Triggers;

/// <summary>
/// One test per HTTP function: the trigger reaches the shared endpoint logic the local host maps on the same route,
/// so it answers with that logic's status and body (and, for writes, its effect on storage or the queue).
/// </summary>
public sealed class HttpFunctionsTests : IDisposable
{
    private readonly FunctionsApp _app = new();

    public void Dispose() => _app.Dispose();

    private static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();

    [Fact]
    public async Task SubmitForm_stores_the_lead_and_answers_202_with_its_id()
    {
        var context = _app.Request("POST", "/api/forms/pricing/submissions",
            """{"email":"http-submit@acme-analytics.com","company":"Acme Analytics","jobTitle":"Director of Operations","employees":"250","country":"US","submissionId":"fn-submit-1"}""");

        var (status, body) = await FunctionsApp.ExecuteAsync(context, await _app.Create<IntakeFunctions>().SubmitForm(context.Request, "pricing"));

        Assert.Equal(202, status);
        var leadId = Json(body).GetProperty("leadId").GetString()!;
        Assert.Equal("fn-submit-1", Json(body).GetProperty("submissionId").GetString());
        Assert.Equal(LeadStatus.New, (await _app.Store.GetAsync(leadId, CancellationToken.None))!.Lead.Status);
    }

    [Fact]
    public async Task Health_answers_200_when_storage_answers()
    {
        var context = _app.Request("GET", "/api/health");

        var (status, _) = await FunctionsApp.ExecuteAsync(context, await _app.Create<IntakeFunctions>().Health(context.Request));

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task OpenApi_serves_the_document_naming_every_route()
    {
        var context = _app.Request("GET", "/api/openapi.json");

        var (status, body) = await FunctionsApp.ExecuteAsync(context, _app.Create<IntakeFunctions>().OpenApi(context.Request));

        Assert.Equal(200, status);
        var paths = Json(body).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/forms/{formId}/submissions", out _));
        Assert.True(paths.TryGetProperty("/api/leads/{leadId}/events", out _));
    }

    [Fact]
    public async Task OpenApi_serves_the_document_the_build_generated_from_the_endpoints()
    {
        var context = _app.Request("GET", "/api/openapi.json");

        var (status, body) = await FunctionsApp.ExecuteAsync(context, _app.Create<IntakeFunctions>().OpenApi(context.Request));

        var generated = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "src", "LeadFunctions.LocalHost", "obj", "openapi", "openapi.json"));
        Assert.Equal(200, status);
        Assert.Equal(generated, body);
    }

    [Fact]
    public async Task GetPlaybook_answers_the_vocabulary_of_the_deployed_playbook()
    {
        var context = _app.Request("GET", "/api/playbook");

        var (status, body) = await FunctionsApp.ExecuteAsync(context, _app.Create<LeadFunctionsApi>().GetPlaybook(context.Request));

        Assert.Equal(200, status);
        Assert.Contains(Json(body).GetProperty("forms").EnumerateArray(), form => form.GetProperty("id").GetString() == "pricing");
    }

    [Fact]
    public async Task PostLeadEvent_queues_the_command_for_the_lead()
    {
        var leadId = await _app.SubmitPricingFormAsync("http-event@acme-analytics.com");
        var context = _app.Request("POST", $"/api/leads/{leadId}/events",
            $$"""{"eventId":"fn-evt-1","type":"FirstOutreachSent","occurredAt":"{{_app.Time.GetUtcNow():O}}","actor":"rep-ann"}""");

        var (status, _) = await FunctionsApp.ExecuteAsync(context, await _app.Create<LeadFunctionsApi>().PostLeadEvent(context.Request, leadId));

        Assert.Equal(202, status);
        var sent = Assert.Single(_app.Publisher.Sent);
        Assert.Equal(leadId, sent.LeadId);
        Assert.Equal(Domain.Transitions.TransitionType.FirstOutreachSent, sent.Command.Type);
    }

    [Fact]
    public async Task PostEventByEmail_finds_the_lead_by_email_and_queues_the_command()
    {
        var leadId = await _app.SubmitPricingFormAsync("http-by-email@acme-analytics.com");
        var context = _app.Request("POST", "/api/events",
            $$"""{"eventId":"fn-evt-2","email":"http-by-email@acme-analytics.com","type":"ContactMade","occurredAt":"{{_app.Time.GetUtcNow():O}}","actor":"crm"}""");

        var (status, _) = await FunctionsApp.ExecuteAsync(context, await _app.Create<LeadFunctionsApi>().PostEventByEmail(context.Request));

        Assert.Equal(202, status);
        Assert.Equal(leadId, Assert.Single(_app.Publisher.Sent).LeadId);
    }

    [Fact]
    public async Task ListLeads_filters_by_suppression_and_checks_teams_against_the_playbook()
    {
        var leadId = await _app.SubmitPricingFormAsync("http-scope@acme-analytics.com");
        var reachable = _app.Request("GET", "/api/leads", query: "?suppressed=false");
        var unknownTeam = _app.Request("GET", "/api/leads", query: "?team=nobody-sales");

        var (reachableStatus, reachableBody) = await FunctionsApp.ExecuteAsync(reachable, await _app.Create<LeadFunctionsApi>().ListLeads(reachable.Request));
        var (unknownStatus, unknownBody) = await FunctionsApp.ExecuteAsync(unknownTeam, await _app.Create<LeadFunctionsApi>().ListLeads(unknownTeam.Request));

        Assert.Equal(200, reachableStatus);
        Assert.Contains(leadId, reachableBody, StringComparison.Ordinal);
        Assert.Equal(400, unknownStatus);
        Assert.Contains("inbound-sales", unknownBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListLeads_answers_the_rep_view()
    {
        var leadId = await _app.SubmitPricingFormAsync("http-list@acme-analytics.com");
        var context = _app.Request("GET", "/api/leads", query: "?status=New");

        var (status, body) = await FunctionsApp.ExecuteAsync(context, await _app.Create<LeadFunctionsApi>().ListLeads(context.Request));

        Assert.Equal(200, status);
        Assert.Contains(leadId, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetLead_answers_the_lead_with_its_history()
    {
        var leadId = await _app.SubmitPricingFormAsync("http-get@acme-analytics.com");
        var context = _app.Request("GET", $"/api/leads/{leadId}");

        var (status, body) = await FunctionsApp.ExecuteAsync(context, await _app.Create<LeadFunctionsApi>().GetLead(context.Request, leadId));

        Assert.Equal(200, status);
        Assert.Equal("SQL", Json(body).GetProperty("stage").GetString());
        Assert.Equal(1, Json(body).GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task EraseLead_removes_every_row_about_the_lead()
    {
        var leadId = await _app.SubmitPricingFormAsync("http-erase@acme-analytics.com");
        var context = _app.Request("DELETE", $"/api/leads/{leadId}");

        var (status, _) = await FunctionsApp.ExecuteAsync(context, await _app.Create<LeadFunctionsApi>().EraseLead(context.Request, leadId));

        Assert.Equal(204, status);
        Assert.Null(await _app.Store.GetAsync(leadId, CancellationToken.None));
    }

    [Fact]
    public async Task VelocityReport_answers_the_report()
    {
        await _app.SubmitPricingFormAsync("http-velocity@acme-analytics.com");
        var context = _app.Request("GET", "/api/reports/velocity");

        var (status, body) = await FunctionsApp.ExecuteAsync(context, await _app.Create<LeadFunctionsApi>().VelocityReport(context.Request));

        Assert.Equal(200, status);
        Assert.Equal(JsonValueKind.Object, Json(body).ValueKind);
    }

    [Fact]
    public async Task RunSweep_runs_the_named_sweep_and_refuses_time_travel_outside_development()
    {
        var run = _app.Request("POST", "/api/admin/sweeps/flag-sla-breaches", query: "?dryRun=true");
        var (status, _) = await FunctionsApp.ExecuteAsync(run, await _app.Create<LeadFunctionsApi>().RunSweep(run.Request, "flag-sla-breaches"));

        var travel = _app.Request("POST", "/api/admin/sweeps/flag-sla-breaches", query: "?asOf=2027-01-01T00:00:00Z");
        var (travelStatus, travelBody) = await FunctionsApp.ExecuteAsync(travel, await _app.Create<LeadFunctionsApi>().RunSweep(travel.Request, "flag-sla-breaches"));

        Assert.Equal(200, status);
        Assert.Equal(400, travelStatus);
        Assert.Contains("asOf", travelBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListSweeps_shows_the_run_that_just_finished()
    {
        var run = _app.Request("POST", "/api/admin/sweeps/recycle-dark", query: "?dryRun=true");
        var (_, report) = await FunctionsApp.ExecuteAsync(run, await _app.Create<LeadFunctionsApi>().RunSweep(run.Request, "recycle-dark"));
        var list = _app.Request("GET", "/api/admin/sweeps");

        var (status, body) = await FunctionsApp.ExecuteAsync(list, await _app.Create<LeadFunctionsApi>().ListSweeps(list.Request));

        Assert.Equal(200, status);
        var runId = JsonDocument.Parse(report).RootElement.GetProperty("runId").GetString();
        var latest = JsonDocument.Parse(body).RootElement.GetProperty("sweeps").EnumerateArray()
            .Single(s => s.GetProperty("sweep").GetString() == "recycle-dark").GetProperty("latestDryRun");
        Assert.Equal(runId, latest.GetProperty("runId").GetString());
        Assert.Equal("Completed", latest.GetProperty("state").GetString());
    }

    [Fact]
    public async Task ListReps_answers_the_playbooks_reps()
    {
        var context = _app.Request("GET", "/api/reps");

        var (status, body) = await FunctionsApp.ExecuteAsync(context, await _app.Create<RepFunctions>().ListReps(context.Request));

        Assert.Equal(200, status);
        Assert.Equal(4, Json(body).GetProperty("reps").GetArrayLength());
    }

    [Fact]
    public async Task SetRepAvailability_stores_it_and_refuses_an_unknown_rep()
    {
        var set = _app.Request("PUT", "/api/reps/rep-cat/availability", """{"available": false}""");
        var unknown = _app.Request("PUT", "/api/reps/rep-zed/availability", """{"available": false}""");

        var (status, _) = await FunctionsApp.ExecuteAsync(set, await _app.Create<RepFunctions>().SetRepAvailability(set.Request, "rep-cat"));
        var (unknownStatus, _) = await FunctionsApp.ExecuteAsync(unknown, await _app.Create<RepFunctions>().SetRepAvailability(unknown.Request, "rep-zed"));

        Assert.Equal(200, status);
        Assert.Equal(404, unknownStatus);
        var stored = await _app.Services.GetRequiredService<LeadFunctions.Engine.Ports.IRepRoster>().GetAvailabilityAsync(CancellationToken.None);
        Assert.False(stored["rep-cat"].Available);
    }
}
