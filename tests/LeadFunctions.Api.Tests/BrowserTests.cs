using System.Diagnostics;
using System.Text.Json;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Api.Tests;

/// <summary>The local host on a real Kestrel port, so a real browser can load the sample form from it.</summary>
public sealed class KestrelApiFactory : ApiFactory
{
    public KestrelApiFactory()
    {
        // The page's own origin is not in Intake:AllowedOrigins: the form posts to the host that served it, and the
        // no-script redirect is resolved against that same origin.
        Port = AzuriteServer.FreePort();
        ClientOptions.BaseAddress = new Uri(Origin);
        UseKestrel(Port);
        StartServer();
    }

    public int Port { get; }

    public string Origin => $"http://127.0.0.1:{Port}";
}

/// <summary>
/// Debian's Chromium, driven by playwright-core, fills in the sample website form served by the local host, once with
/// script (a bad e-mail shows the API's field error inline, a good submission shows success) and once without (the
/// browser enforces the required e-mail, the plain post is redirected back to the page's thank-you state); the API then
/// has the lead with its message and consent.
/// </summary>
public sealed class BrowserTests(KestrelApiFactory factory) : IClassFixture<KestrelApiFactory>
{
    [Fact]
    public async Task A_visitor_submits_the_sample_form_and_the_lead_lands_in_the_sales_inbox()
    {
        var email = Api.Email().Replace("@example.com", "@acme-analytics.com", StringComparison.Ordinal);

        var result = await RunBrowserAsync($"{factory.Origin}/?utm_campaign=spring-launch", email, "script");

        Assert.Contains("valid", result.GetProperty("fieldError").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Thank you", result.GetProperty("status").GetString(), StringComparison.Ordinal);
        Assert.True(result.GetProperty("requiredMarked").GetBoolean());
        var leadId = result.GetProperty("leadId").GetString();
        Assert.Equal(factory.LeadIdFor(email), leadId);
        var lead = await (await factory.Keyed().GetAsync($"/api/leads/{leadId}")).JsonAsync();
        Assert.Equal("SQL", lead.GetProperty("stage").GetString());
        Assert.Equal("New", lead.GetProperty("status").GetString());
        Assert.Equal("spring-launch", lead.GetProperty("campaigns").GetProperty("sqlFirst").GetString());
        Assert.Equal("Grace", lead.GetProperty("person").GetProperty("firstName").GetString());
        Assert.Equal("We need pricing for 40 seats (script)", lead.GetProperty("lastMessage").GetProperty("text").GetString());
        Assert.True(lead.GetProperty("consent").GetBoolean());
    }

    [Fact]
    public async Task Without_script_the_form_posts_and_comes_back_to_a_thank_you_state()
    {
        var email = Api.Email().Replace("@example.com", "@acme-analytics.com", StringComparison.Ordinal);

        var result = await RunBrowserAsync($"{factory.Origin}/", email, "no-script");

        Assert.True(result.GetProperty("blockedWithoutEmail").GetBoolean(), "the browser should refuse to post without the required e-mail");
        Assert.True(result.GetProperty("requiredMarked").GetBoolean());
        Assert.False(result.GetProperty("thanksBefore").GetBoolean());
        Assert.Equal($"{factory.Origin}/?submitted=1#thank-you", result.GetProperty("url").GetString());
        Assert.Contains("Thank you", result.GetProperty("thanks").GetString(), StringComparison.Ordinal);
        var lead = await factory.Keyed().WaitForLeadAsync(factory.LeadIdFor(email), _ => true);
        Assert.Equal("SQL", lead.GetProperty("stage").GetString());
        Assert.Equal("We need pricing for 40 seats (no-script)", lead.GetProperty("lastMessage").GetProperty("text").GetString());
        Assert.True(lead.GetProperty("consent").GetBoolean());
    }

    private static async Task<JsonElement> RunBrowserAsync(string pageUrl, string email, string mode)
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
        start.ArgumentList.Add(mode);
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
