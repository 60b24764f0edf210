using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using LeadFunctions.TestSupport;
using Xunit.Abstractions;

namespace LeadFunctions.Api.Tests;

/// <summary>
/// The pipeline dashboard in Debian's Chromium over a seeded local host: a wrong key is refused on the page, the right
/// one (typed once, by keyboard) shows the funnel with the playbook's display names, each rep's inbox with breached
/// leads marked in red and in words, the velocity steps and the sweeps, all equal to what the API answers; nothing is
/// fetched from another origin and nothing overflows a 375 px wide phone. Screenshots go to the test results folder.
/// </summary>
public sealed class DashboardTests(KestrelApiFactory factory, ITestOutputHelper output) : IClassFixture<KestrelApiFactory>
{
    private static readonly string[] Sweeps = ["disqualify-no-contact", "recycle-dark", "flag-check-backs", "flag-sla-breaches", "assign-queued"];

    /// <summary>scripts/test.sh gives dotnet test this folder for its TRX files; CI keeps it.</summary>
    public static string ResultsFolder => Environment.GetEnvironmentVariable("LEADFUNCTIONS_TEST_RESULTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(RepositoryRoot.Path, "artifacts", "test-results");

    [Fact]
    public async Task The_dashboard_shows_what_the_api_answers_and_fits_a_phone()
    {
        var client = factory.Keyed();
        var breached = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            breached.Add(await HandRaiseAsync(client));
        }

        // A sweep a month from now finds the three past their SLA; the leads after it are still on time.
        var asOf = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(30).UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/admin/sweeps/flag-sla-breaches?asOf={asOf}", null)).StatusCode);
        foreach (var leadId in breached)
        {
            await client.WaitForLeadAsync(leadId, l => l.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "SlaBreached"));
        }

        var onTime = await HandRaiseAsync(client);

        // An informational form, then a hand-raise from the same person: one step of velocity with a median.
        var nurtured = Api.Email();
        var first = await SubmitAsync(client, "whitepaper", new { email = nurtured, company = "Initech", country = "US", jobTitle = "Analyst" });
        var reader = await SubmitAsync(client, "whitepaper", new { email = Api.Email(), company = "Initech", country = "US", jobTitle = "Analyst" });
        await client.WaitForLeadAsync(first, l => l.GetProperty("stage").GetString() == "MQL");
        await Task.Delay(1000);
        var converted = await HandRaiseAsync(client, nurtured);

        // The page is compared with the API after it has loaded: everything seeded has settled by then.
        await client.WaitForLeadAsync(converted, l => l.GetProperty("stage").GetString() == "SQL" && l.TryGetProperty("owner", out _));
        await client.WaitForLeadAsync(onTime, l => l.TryGetProperty("owner", out _));
        await client.WaitForLeadAsync(reader, l => l.GetProperty("stage").GetString() == "MQL");

        var shown = await RunBrowserAsync();

        var playbook = await (await client.GetAsync("/api/playbook")).JsonAsync();
        var velocity = await (await client.GetAsync("/api/reports/velocity")).JsonAsync();
        var reps = (await (await client.GetAsync("/api/reps")).JsonAsync()).GetProperty("reps").EnumerateArray().ToList();

        Assert.Equal("api-key", shown.GetProperty("focused").GetString());
        Assert.Contains("refused", shown.GetProperty("refused").GetString(), StringComparison.Ordinal);
        Assert.True(shown.GetProperty("forgotten").GetBoolean(), "Forget key should clear the kept key");
        Assert.True(shown.GetProperty("keyKept").GetBoolean(), "the key should be kept for the tab and cleared from the box");
        Assert.Equal("API key", shown.GetProperty("keyLabel").GetString());
        Assert.True(shown.GetProperty("captions").GetBoolean(), "every table has a caption");
        Assert.True(shown.GetProperty("landmarks").GetBoolean());

        // The funnel: every playbook stage by its display name, with the report's count.
        var funnel = shown.GetProperty("funnel");
        var stages = playbook.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(stages.Count, funnel.EnumerateObject().Count());
        foreach (var stage in stages)
        {
            var name = stage.GetProperty("name").GetString()!;
            var expected = velocity.GetProperty("byStage").TryGetProperty(name, out var count) ? count.GetInt32() : 0;
            Assert.Equal(stage.GetProperty("displayName").GetString(), funnel.GetProperty(name).GetProperty("label").GetString());
            Assert.Equal(expected, funnel.GetProperty(name).GetProperty("count").GetInt32());
        }

        Assert.Equal(6, funnel.EnumerateObject().Sum(s => s.Value.GetProperty("count").GetInt32()));
        Assert.Equal(5, funnel.GetProperty("SQL").GetProperty("count").GetInt32());
        Assert.Equal(shown.GetProperty("reloaded").GetInt32(), stages.Count);

        // Each rep's inbox: the same leads in the same order as the API's inbox, the breached ones red and saying so.
        var inboxes = shown.GetProperty("inboxes");
        Assert.Equal(reps.Count, inboxes.EnumerateObject().Count());
        var totalBreached = 0;
        foreach (var rep in reps)
        {
            var id = rep.GetProperty("id").GetString()!;
            var items = (await (await client.GetAsync($"/api/leads?owner={id}&status=New&pageSize=100")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
            var inbox = inboxes.GetProperty(id);
            Assert.Equal(items.Select(i => i.GetProperty("id").GetString()), inbox.GetProperty("leads").EnumerateArray().Select(l => l.GetString()));
            Assert.Equal(items.Count, inbox.GetProperty("count").GetInt32());
            var apiBreached = items.Count(i => i.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "SlaBreached"));
            Assert.Equal(apiBreached, inbox.GetProperty("breached").GetInt32());
            Assert.True(inbox.GetProperty("breachedSayBreached").GetBoolean(), "breached leads say so in words, not colour only");
            Assert.All(inbox.GetProperty("breachedColours").EnumerateArray(), c => Assert.Equal("rgb(161, 17, 17)", c.GetString()));
            totalBreached += apiBreached;
        }

        Assert.Equal(3, totalBreached);
        Assert.Contains(inboxes.EnumerateObject(), i => i.Value.GetProperty("leads").EnumerateArray().Any(l => l.GetString() == onTime));
        Assert.Contains(inboxes.EnumerateObject(), i => i.Value.GetProperty("leads").EnumerateArray().Any(l => l.GetString() == converted));

        // Velocity: every step of the report, with its counts, and the chart drawn from the library served locally.
        var steps = velocity.GetProperty("steps").EnumerateArray().ToList();
        var shownSteps = shown.GetProperty("velocity").EnumerateArray().ToList();
        Assert.Equal(steps.Select(s => $"{s.GetProperty("from").GetString()}-{s.GetProperty("to").GetString()}"), shownSteps.Select(s => s.GetProperty("step").GetString()));
        Assert.Equal(steps.Select(s => s.GetProperty("entered").GetInt32()), shownSteps.Select(s => s.GetProperty("entered").GetInt32()));
        Assert.Equal(
            steps.Select(s => s.TryGetProperty("median", out var median) && median.ValueKind == JsonValueKind.String
                ? TimeSpan.Parse(median.GetString()!, CultureInfo.InvariantCulture).TotalDays.ToString("F2", CultureInfo.InvariantCulture)
                : "no data"),
            shownSteps.Select(s => s.GetProperty("median").GetString()));
        Assert.Contains(shownSteps, s => s.GetProperty("step").GetString() == "MQL-SQL" && s.GetProperty("median").GetString() != "no data");
        Assert.True(shown.GetProperty("chartDrawn").GetBoolean(), "the velocity chart should be drawn");

        // Sweeps: each one's last real run as the API keeps it (the SLA sweep ran above), and its dry run as planned now.
        var status = (await (await client.GetAsync("/api/admin/sweeps")).JsonAsync()).GetProperty("sweeps").EnumerateArray().ToList();
        Assert.Equal(status.Count, shown.GetProperty("sweeps").EnumerateObject().Count());
        foreach (var entry in status)
        {
            var lastRun = shown.GetProperty("sweeps").GetProperty(entry.GetProperty("sweep").GetString()!).GetProperty("lastRun").GetString()!;
            Assert.StartsWith(
                !entry.TryGetProperty("latestRun", out var run) ? "never run" : $"{run.GetProperty("state").GetString()} {run.GetProperty("done").GetInt32()} of {run.GetProperty("total").GetInt32()}",
                lastRun,
                StringComparison.Ordinal);
        }

        Assert.StartsWith("Completed ", shown.GetProperty("sweeps").GetProperty("flag-sla-breaches").GetProperty("lastRun").GetString(), StringComparison.Ordinal);
        foreach (var sweep in Sweeps)
        {
            var plan = await (await client.PostAsync($"/api/admin/sweeps/{sweep}?dryRun=true", null)).JsonAsync();
            Assert.Equal(plan.GetProperty("examined").GetInt32(), shown.GetProperty("sweeps").GetProperty(sweep).GetProperty("examined").GetInt32());
            Assert.Equal(plan.GetProperty("planned").GetArrayLength(), shown.GetProperty("sweeps").GetProperty(sweep).GetProperty("changed").GetInt32());
        }

        // Deliveries: shown when the route answers, "not configured" when this host has none.
        var deliveries = await client.GetAsync("/api/admin/deliveries?state=dead");
        Assert.Equal(deliveries.StatusCode == HttpStatusCode.NotFound ? "not-configured" : "loaded", shown.GetProperty("deliveries").GetString());

        // Everything from this host (no CDN), no script or CSP errors beyond the refused key and the absent route.
        Assert.All(shown.GetProperty("requested").EnumerateArray(), url => Assert.StartsWith(factory.Origin + "/", url.GetString(), StringComparison.Ordinal));
        Assert.DoesNotContain(shown.GetProperty("consoleErrors").EnumerateArray().Select(e => e.GetString()!),
            e => !e.StartsWith("Failed to load resource", StringComparison.Ordinal));

        var overflow = shown.GetProperty("overflow");
        Assert.True(overflow.GetProperty("scrollWidth").GetInt32() <= overflow.GetProperty("clientWidth").GetInt32(), $"the page overflows a 375 px phone: {overflow}");
        Assert.Empty(overflow.GetProperty("wide").EnumerateArray());

        var screenshot = shown.GetProperty("screenshot").GetString()!;
        Assert.True(new FileInfo(screenshot).Length > 10_000, "the screenshot should have been saved");
        output.WriteLine($"dashboard screenshots: {screenshot} and {shown.GetProperty("phoneScreenshot").GetString()}");
    }

    private static async Task<string> HandRaiseAsync(HttpClient client, string? email = null)
        => await SubmitAsync(client, "pricing", new { email = email ?? Api.Email(), company = "Acme Analytics", country = "US", employees = 300, jobTitle = "VP Sales" });

    private static async Task<string> SubmitAsync(HttpClient client, string formId, object body)
    {
        var response = await client.SubmitJsonAsync(formId, body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("leadId").GetString()!;
    }

    private async Task<JsonElement> RunBrowserAsync()
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Path, "tests", "browser", "dashboard.mjs"));
        start.ArgumentList.Add($"{factory.Origin}/dashboard");
        start.ArgumentList.Add(ApiFactory.ApiKey);
        start.ArgumentList.Add(ResultsFolder);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"the browser script failed: {await errors}");
        var lastLine = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        return JsonDocument.Parse(lastLine).RootElement.Clone();
    }
}
