using System.Text.Json;
using LeadFunctions.Functions.Http;
using LeadFunctions.Functions.Tests.Support;
using LeadFunctions.Http;
using Microsoft.AspNetCore.Http;

namespace LeadFunctions.Functions.Tests.Triggers;

/// <summary>
/// The dashboard's signed-in data routes: with App Service Authentication on and a principal it set, each answers what
/// its keyed route answers; without either, a 401 logged as not-signed-in (never naming the principal); and the sweep
/// plan is a dry run whatever the query asks for.
/// </summary>
public sealed class DashboardDataFunctionsTests : IDisposable
{
    private const string PrincipalId = "b1f7c1e0-principal-id-never-logged";

    private readonly FunctionsApp _easyAuth = new(new Dictionary<string, string?> { [SignedInUser.AuthEnabledSetting] = "True" });

    public static TheoryData<string> Reads => ["playbook", "velocity", "reps", "leads", "sweeps", "deliveries"];

    public static TheoryData<string> Routes => ["playbook", "velocity", "reps", "leads", "sweeps", "deliveries", "sweeps/disqualify-no-contact/plan"];

    public void Dispose() => _easyAuth.Dispose();

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task A_signed_in_read_answers_what_the_keyed_route_answers(string read)
    {
        await _easyAuth.SubmitPricingFormAsync($"dashboard-data-{read}@acme-analytics.com");

        var (keyedStatus, keyedBody) = await KeyedAsync(_easyAuth, read);
        var (status, body) = await DataAsync(_easyAuth, read, principal: true);

        Assert.Equal(200, keyedStatus);
        Assert.Equal(200, status);
        Assert.Equal(keyedBody, body);
    }

    [Fact]
    public async Task The_signed_in_leads_read_takes_the_keyed_routes_query()
    {
        var leadId = await _easyAuth.SubmitPricingFormAsync("dashboard-data-query@acme-analytics.com");

        var (status, body) = await DataAsync(_easyAuth, "leads", principal: true, query: "?status=New&pageSize=100");
        var (invalidStatus, invalidBody) = await DataAsync(_easyAuth, "leads", principal: true, query: "?pageSize=1000");

        Assert.Equal(200, status);
        Assert.Contains(leadId, body, StringComparison.Ordinal);
        Assert.Equal(400, invalidStatus);
        Assert.Contains("pageSize", invalidBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signed_in_velocity_read_is_the_stored_report_and_refuses_a_recompute()
    {
        var (status, body) = await DataAsync(_easyAuth, "velocity", principal: true, query: "?refresh=true");
        var (cohortStatus, _) = await DataAsync(_easyAuth, "velocity", principal: true, query: "?cohort=Source&refresh=false");

        Assert.Equal(400, status);
        Assert.Contains("refresh", body, StringComparison.Ordinal);
        Assert.Equal(200, cohortStatus);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Without_a_signed_in_principal_the_route_answers_401_not_signed_in(string route)
    {
        var context = Request(_easyAuth, route, principal: false);

        var (status, body) = await FunctionsApp.ExecuteAsync(context, await InvokeAsync(_easyAuth, route, context));

        Assert.Equal(401, status);
        Assert.StartsWith("application/problem+json", context.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal(401, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
        Assert.Contains(_easyAuth.Logs.Entries, e => e.Contains($"/api/dashboard/data/{Template(route)} (not-signed-in)", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task A_principal_header_is_not_trusted_where_app_service_authentication_is_off(string route)
    {
        using var app = new FunctionsApp();
        var context = Request(app, route, principal: true);

        var (status, _) = await FunctionsApp.ExecuteAsync(context, await InvokeAsync(app, route, context));

        Assert.Equal(401, status);
        Assert.Contains(app.Logs.Entries, e => e.Contains("(not-signed-in)", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Entries, e => e.Contains(PrincipalId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_sweep_plan_is_a_dry_run_as_of_now_whatever_the_query_asks()
    {
        var leadId = await _easyAuth.SubmitPricingFormAsync("dashboard-data-plan@acme-analytics.com");
        _easyAuth.Time.Advance(TimeSpan.FromDays(31));
        var queued = _easyAuth.Publisher.Sent.Count;

        var (status, body) = await DataAsync(_easyAuth, "sweeps/disqualify-no-contact/plan", principal: true, query: "?dryRun=false&asOf=2027-06-01T00:00:00Z");
        var (_, sweeps) = await DataAsync(_easyAuth, "sweeps", principal: true);

        // A real run would queue the disqualification; the plan only names the lead.
        Assert.Equal(200, status);
        var report = JsonDocument.Parse(body).RootElement;
        Assert.True(report.GetProperty("dryRun").GetBoolean());
        Assert.Equal(_easyAuth.Time.GetUtcNow(), report.GetProperty("asOf").GetDateTimeOffset());
        Assert.Contains(report.GetProperty("planned").EnumerateArray(), p => p.GetProperty("leadId").GetString() == leadId);
        Assert.Equal(queued, _easyAuth.Publisher.Sent.Count);
        var status2 = JsonDocument.Parse(sweeps).RootElement.GetProperty("sweeps").EnumerateArray().Single(s => s.GetProperty("sweep").GetString() == "disqualify-no-contact");
        Assert.False(status2.TryGetProperty("latestRun", out _), "the plan must not be recorded as a real run");
        Assert.Equal(report.GetProperty("runId").GetString(), status2.GetProperty("latestDryRun").GetProperty("runId").GetString());
    }

    [Fact]
    public async Task A_plan_refused_for_want_of_a_sign_in_runs_nothing_and_an_unknown_sweep_is_404()
    {
        var (refused, _) = await DataAsync(_easyAuth, "sweeps/recycle-dark/plan", principal: false);
        var (unknown, unknownBody) = await DataAsync(_easyAuth, "sweeps/no-such-sweep/plan", principal: true);
        var (_, sweeps) = await DataAsync(_easyAuth, "sweeps", principal: true);

        Assert.Equal(401, refused);
        Assert.Equal(404, unknown);
        Assert.Contains("recycle-dark", unknownBody, StringComparison.Ordinal);
        var recycle = JsonDocument.Parse(sweeps).RootElement.GetProperty("sweeps").EnumerateArray().Single(s => s.GetProperty("sweep").GetString() == "recycle-dark");
        Assert.False(recycle.TryGetProperty("latestDryRun", out _));
        Assert.False(recycle.TryGetProperty("latestRun", out _));
    }

    private static string Template(string route) => route.StartsWith("sweeps/", StringComparison.Ordinal) ? "sweeps/{sweep}/plan" : route;

    /// <summary>The dashboard's own queries (dashboard.js), on both the data route and the keyed one.</summary>
    private static string? DefaultQuery(string route) => route switch
    {
        "leads" => "?status=New&pageSize=100",
        "deliveries" => "?state=dead",
        _ => null,
    };

    private static HttpContext Request(FunctionsApp app, string route, bool principal, string? query = null)
    {
        var context = app.Request(route.EndsWith("/plan", StringComparison.Ordinal) ? "POST" : "GET", $"/api/dashboard/data/{route}", query: query ?? DefaultQuery(route));
        if (principal)
        {
            context.Request.Headers[SignedInUser.PrincipalIdHeader] = PrincipalId;
        }

        return context;
    }

    private static async Task<(int Status, string Body)> DataAsync(FunctionsApp app, string route, bool principal, string? query = null)
    {
        var context = Request(app, route, principal, query);
        return await FunctionsApp.ExecuteAsync(context, await InvokeAsync(app, route, context));
    }

    private static async Task<IResult> InvokeAsync(FunctionsApp app, string route, HttpContext context)
    {
        var functions = app.Create<DashboardDataFunctions>();
        return route switch
        {
            "playbook" => functions.Playbook(context.Request),
            "velocity" => await functions.Velocity(context.Request),
            "reps" => await functions.Reps(context.Request),
            "leads" => await functions.Leads(context.Request),
            "sweeps" => await functions.Sweeps(context.Request),
            "deliveries" => await functions.Deliveries(context.Request),
            _ => await functions.SweepPlan(context.Request, route.Split('/')[1]),
        };
    }

    private static async Task<(int Status, string Body)> KeyedAsync(FunctionsApp app, string read)
    {
        var (path, query) = read switch
        {
            "velocity" => ("/api/reports/velocity", null),
            "sweeps" => ("/api/admin/sweeps", null),
            "deliveries" => ("/api/admin/deliveries", DefaultQuery(read)),
            _ => ($"/api/{read}", DefaultQuery(read)),
        };
        var context = app.Request("GET", path, query: query);
        var api = app.Create<LeadFunctionsApi>();
        IResult result = read switch
        {
            "playbook" => api.GetPlaybook(context.Request),
            "velocity" => await api.VelocityReport(context.Request),
            "reps" => await app.Create<RepFunctions>().ListReps(context.Request),
            "leads" => await api.ListLeads(context.Request),
            "sweeps" => await api.ListSweeps(context.Request),
            "deliveries" => await app.Create<DeliveryFunctions>().ListDeliveries(context.Request),
            _ => throw new ArgumentOutOfRangeException(nameof(read)),
        };
        return await FunctionsApp.ExecuteAsync(context, result);
    }
}
