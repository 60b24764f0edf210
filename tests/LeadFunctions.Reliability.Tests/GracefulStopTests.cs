using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace LeadFunctions.Reliability.Tests;

/// <summary>
/// "202 once durably stored" across a graceful stop: the local host as a process with its own Azurite, SIGTERM 0.2 s
/// after the 202s (as `kill` or a service manager stops it) while another client keeps posting, then a restart on the
/// same data, ten times over. Every acknowledged lead must be there after every restart.
/// </summary>
public sealed class GracefulStopTests : IDisposable
{
    private const int Rounds = 10;
    private const int FormsPerRound = 8;

    private readonly LocalHostSetup _setup = new();

    [Fact]
    public async Task Every_acknowledged_submission_survives_a_SIGTERM_0_2_s_after_its_202_ten_times()
    {
        var acknowledged = new ConcurrentBag<string>();
        var host = await LocalHostProcess.StartAsync(_setup);
        try
        {
            for (var round = 1; round <= Rounds; round++)
            {
                var batch = await Task.WhenAll(Enumerable.Range(0, FormsPerRound).Select(i => SubmitAsync(host.Client, $"stop-{round}-{i}")));
                Assert.All(batch, leadId => Assert.NotNull(leadId));
                foreach (var leadId in batch)
                {
                    acknowledged.Add(leadId!);
                }

                // A client still posting while the host stops: whatever it got a 202 for must be stored too.
                using var streaming = new CancellationTokenSource(TimeSpan.FromSeconds(60));
                var stream = StreamAsync(host, round, acknowledged, streaming.Token);
                await Task.Delay(TimeSpan.FromMilliseconds(200));
                host.Terminate();
                Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
                await stream;
                Assert.Empty(_setup.AzuriteProcessIds());

                await host.DisposeAsync();
                host = await LocalHostProcess.StartAsync(_setup);
                var missing = await MissingAsync(host.Client, acknowledged);
                Assert.True(missing.Count == 0, $"Round {round}: {missing.Count} of {acknowledged.Count} acknowledged leads missing after the restart.\n{host.Output}");
            }
        }
        finally
        {
            await host.DisposeAsync();
        }

        Assert.True(acknowledged.Count >= Rounds * FormsPerRound);
        Assert.Empty(_setup.AzuriteProcessIds());
    }

    public void Dispose() => _setup.Dispose();

    private static async Task<string?> SubmitAsync(HttpClient client, string tag)
    {
        using var response = await client.PostAsJsonAsync("/api/forms/contact-us/submissions", new
        {
            email = $"{tag}-{Guid.NewGuid():N}@example.com", firstName = "Stop", company = "Acme", country = "FR",
        });
        return response.StatusCode == HttpStatusCode.Accepted ? (await response.Content.ReadFromJsonAsync<Accepted>())!.LeadId : null;
    }

    /// <summary>Posts one form after another until the host stops answering (bounded by the token).</summary>
    private static async Task StreamAsync(LocalHostProcess host, int round, ConcurrentBag<string> acknowledged, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = host.Setup.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            try
            {
                var leadId = await SubmitAsync(client, $"stream-{round}-{i}");
                if (leadId is not null)
                {
                    acknowledged.Add(leadId);
                }
                else if (host.HasExited)
                {
                    return;
                }
                else
                {
                    await Task.Delay(20, CancellationToken.None);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Refused or cut off while stopping: not acknowledged, so nothing is owed.
                if (host.HasExited)
                {
                    return;
                }

                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    private static async Task<List<string>> MissingAsync(HttpClient client, IEnumerable<string> leadIds)
    {
        var missing = new List<string>();
        foreach (var leadId in leadIds.Distinct())
        {
            using var response = await client.GetAsync($"/api/leads/{leadId}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                missing.Add(leadId);
            }
        }

        return missing;
    }

    private sealed record Accepted(string SubmissionId, string LeadId);
}
