using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Data.Tables;
using LeadFunctions.TestSupport;
using Xunit.Abstractions;

namespace LeadFunctions.Reliability.Tests;

/// <summary>
/// Two local-host processes on one Azurite take 200 hand-raises at once, alternately: both advance one stored rotation
/// per team, so every lead gets exactly one rep, the rotation's counts add up to the leads each rep owns, the weights
/// hold exactly (2/1/1 over 200), and no rep takes more leads in a row than its weight.
/// </summary>
public sealed class TwoInstanceRoutingTests(ITestOutputHelper output)
{
    private const int Handoffs = 200;
    private static readonly Dictionary<string, int> Weights = new() { ["rep-ann"] = 2, ["rep-ben"] = 1, ["rep-cat"] = 1 };

    [Fact]
    public async Task Two_instances_share_one_rotation_and_every_lead_gets_exactly_one_rep_by_weight()
    {
        var table = UniqueNames.Table("Routing");
        var shared = new Dictionary<string, string>
        {
            ["LeadStorage__ConnectionString"] = AzuriteServer.Shared.ConnectionString,
            ["LeadStorage__LeadsTable"] = table,
            ["Transitions__QueueName"] = UniqueNames.Queue("routing"),
            ["LocalHost__StartAzurite"] = "false",
        };
        using var firstSetup = new LocalHostSetup();
        using var secondSetup = new LocalHostSetup();
        await using var first = await LocalHostProcess.StartAsync(firstSetup, shared);
        await using var second = await LocalHostProcess.StartAsync(secondSetup, shared);
        LocalHostProcess[] hosts = [first, second];

        var responses = await Task.WhenAll(Enumerable.Range(0, Handoffs).Select(async i =>
        {
            await Task.Yield();
            using var response = await hosts[i % 2].Client.PostAsJsonAsync(
                "/api/forms/pricing/submissions",
                new { email = $"handoff-{i}@acme-analytics.com", country = "US", employees = 250, jobTitle = "VP Sales", submissionId = $"handoff-{i}" });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (response.StatusCode, LeadId: body.TryGetProperty("leadId", out var id) ? id.GetString() : null);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, leadId) in responses)
        {
            var lead = await first.Client.GetFromJsonAsync<JsonElement>($"/api/leads/{leadId}");
            var owner = lead.GetProperty("owner").GetString()!;
            Assert.Equal(owner, lead.GetProperty("assignment").GetProperty("rep").GetString());
            Assert.Equal("inbound-sales", lead.GetProperty("team").GetString());
            var placed = lead.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("toOwner").ValueKind == JsonValueKind.String).ToList();
            Assert.Equal(owner, Assert.Single(placed).GetProperty("toOwner").GetString());
            owners[owner] = owners.GetValueOrDefault(owner) + 1;
        }

        var rotation = (await new TableClient(AzuriteServer.Shared.ConnectionString, table).GetEntityAsync<TableEntity>("roster", "rotation|inbound-sales")).Value;
        var counts = JsonSerializer.Deserialize<Dictionary<string, long>>(rotation.GetString("Counts"))!;
        var recent = JsonSerializer.Deserialize<List<JsonElement>>(rotation.GetString("Recent"))!.Select(r => r.GetProperty("Rep").GetString()!).ToList();
        output.WriteLine($"owners: {string.Join(", ", owners.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))}; last picks: {string.Join(' ', recent)}");

        Assert.Equal(new Dictionary<string, int> { ["rep-ann"] = 100, ["rep-ben"] = 50, ["rep-cat"] = 50 }, owners);
        Assert.Equal(owners.ToDictionary(p => p.Key, p => (long)p.Value), counts);
        Assert.True(recent.Count >= 60, $"{recent.Count} picks remembered");
        Assert.All(Runs(recent), run => Assert.True(run.Length <= Weights[run.Rep], $"{run.Rep} took {run.Length} in a row"));
    }

    private static IEnumerable<(string Rep, int Length)> Runs(List<string> picks)
    {
        for (var i = 0; i < picks.Count;)
        {
            var j = i;
            while (j < picks.Count && picks[j] == picks[i])
            {
                j++;
            }

            yield return (picks[i], j - i);
            i = j;
        }
    }
}
