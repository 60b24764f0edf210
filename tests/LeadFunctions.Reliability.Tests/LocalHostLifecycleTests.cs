using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Reliability.Tests;

/// <summary>The local host as a process: a busy port, its Azurite dying under it, and the sample form's origin following the port.</summary>
public sealed class LocalHostLifecycleTests : IDisposable
{
    private readonly LocalHostSetup _setup = new();

    [Fact]
    public async Task A_busy_port_gives_one_line_naming_it_a_non_zero_exit_and_no_emulator()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, _setup.HttpPort);
        squatter.Start();

        await using var host = LocalHostProcess.Launch(_setup);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var lines = host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.Contains($"Port {_setup.HttpPort} is already in use", line, StringComparison.Ordinal);
        Assert.Contains("--port", line, StringComparison.Ordinal);
        Assert.Empty(_setup.AzuriteProcessIds());
        Assert.False(AzuriteServer.Accepts(_setup.TablePort));
    }

    [Fact]
    public async Task An_emulator_that_dies_is_started_again_and_the_host_keeps_serving()
    {
        await using var host = await LocalHostProcess.StartAsync(_setup);
        var first = Assert.Single(_setup.AzuriteProcessIds());

        Process.GetProcessById(first).Kill();
        var healthy = await WaitUntilAsync(async () =>
            _setup.AzuriteProcessIds() is [var next] && next != first && (await host.Client.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK);

        Assert.True(healthy, host.Output);
        Assert.Contains("starting it again (restart 1 of 3)", host.Output, StringComparison.Ordinal);
        Assert.False(host.HasExited);
    }

    [Fact]
    public async Task An_emulator_that_keeps_dying_stops_the_host_with_one_line_and_exit_code_1()
    {
        await using var host = await LocalHostProcess.StartAsync(_setup, new Dictionary<string, string> { ["LocalHost__AzuriteMaxRestarts"] = "0" });
        var azurite = Assert.Single(_setup.AzuriteProcessIds());

        Process.GetProcessById(azurite).Kill();
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        var crit = Assert.Single(host.Output.Split('\n'), l => l.Contains("crit:", StringComparison.Ordinal));
        Assert.Contains($"Azurite (process {azurite}) exited", crit, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_killed_with_SIGKILL_leaves_no_emulator_and_loses_no_acknowledged_submission()
    {
        var host = await LocalHostProcess.StartAsync(_setup);
        var leadIds = new List<string>();
        await using (host)
        {
            for (var i = 0; i < 8; i++)
            {
                using var response = await host.Client.PostAsJsonAsync("/api/forms/contact-us/submissions", new { email = $"k9-{i}-{Guid.NewGuid():N}@example.com", firstName = "K", company = "Acme", country = "FR" });
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                leadIds.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("leadId").GetString()!);
            }

            Process.GetProcessById(host.Id).Kill();
            Assert.True(await WaitUntilAsync(() => Task.FromResult(_setup.AzuriteProcessIds().Count == 0)), "The emulator outlived its killed host.");
        }

        await using var restarted = await LocalHostProcess.StartAsync(_setup);
        foreach (var leadId in leadIds)
        {
            using var lead = await restarted.Client.GetAsync($"/api/leads/{leadId}");
            Assert.Equal(HttpStatusCode.OK, lead.StatusCode);
        }
    }

    [Fact]
    public async Task The_sample_form_may_redirect_to_the_port_the_host_listens_on()
    {
        await using var host = await LocalHostProcess.StartAsync(_setup);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = _setup.BaseAddress };
        var thanks = new Uri(_setup.BaseAddress, "/thanks.html");

        using var response = await client.PostAsync("/api/forms/contact-us/submissions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = $"form-{Guid.NewGuid():N}@example.com", ["firstName"] = "Form", ["company"] = "Acme", ["country"] = "FR", ["redirect"] = thanks.AbsoluteUri,
        }));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(thanks, response.Headers.Location);
    }

    public void Dispose() => _setup.Dispose();

    private static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Storage or host between states.
            }

            await Task.Delay(200);
        }

        return false;
    }
}
