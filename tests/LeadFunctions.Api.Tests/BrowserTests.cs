using System.Diagnostics;
using System.Text.Json;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Api.Tests;

/// <summary>The local host on a real Kestrel port, so a real browser can load the sample form from it.</summary>
public sealed class KestrelApiFactory : ApiFactory
{
    public KestrelApiFactory()
    {
        Port = AzuriteServer.FreePort();
        Settings["Intake:AllowedOrigins:1"] = Origin;
        ClientOptions.BaseAddress = new Uri(Origin);
        UseKestrel(Port);
        StartServer();
    }

    public int Port { get; }

    public string Origin => $"http://127.0.0.1:{Port}";
}

/// <summary>
/// Debian's Chromium, driven by playwright-core, fills in the sample website form served by the local host:
/// a bad e-mail shows the API's field error inline, a good submission shows success, and the API then has the lead.
/// </summary>
public sealed class BrowserTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task A_visitor_submits_the_sample_form_and_the_lead_lands_in_the_sales_inbox()
    {
        var email = Api.Email().Replace("@example.com", "@acme-analytics.com", StringComparison.Ordinal);

        var result = await RunBrowserAsync($"{factory.Origin}/?utm_campaign=spring-launch", email);

        Assert.Contains("valid", result.GetProperty("fieldError").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Thank you", result.GetProperty("status").GetString(), StringComparison.Ordinal);
        var leadId = result.GetProperty("leadId").GetString();
        Assert.Equal(factory.LeadIdFor(email), leadId);
        var lead = await (await factory.Keyed().GetAsync($"/api/leads/{leadId}")).JsonAsync();
        Assert.Equal("SQL", lead.GetProperty("stage").GetString());
        Assert.Equal("New", lead.GetProperty("status").GetString());
        Assert.Equal("spring-launch", lead.GetProperty("campaigns").GetProperty("sqlFirst").GetString());
        Assert.Equal("Grace", lead.GetProperty("person").GetProperty("firstName").GetString());
    }

    private static async Task<JsonElement> RunBrowserAsync(string pageUrl, string email)
    {
        var script = Path.Combine(RepositoryRoot.Path, "tests", "browser", "submit-form.mjs");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(pageUrl);
        start.ArgumentList.Add(email);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"the browser script failed: {await errors}");
        var lastLine = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
        return JsonDocument.Parse(lastLine).RootElement.Clone();
    }
}
