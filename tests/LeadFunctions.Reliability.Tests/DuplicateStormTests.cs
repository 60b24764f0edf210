using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Engine.Ports;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LeadFunctions.Reliability.Tests;

/// <summary>One person, 1000 submissions at once through HTTP: one lead, each submission id applied exactly once.</summary>
public sealed class DuplicateStormTests(ITestOutputHelper output) : IDisposable
{
    private const int Requests = 1000;
    private const int DistinctIds = 10;
    private static readonly string[] Forms = ["whitepaper", "newsletter", "webinar", "contact-us", "pricing", "demo-request"];

    private readonly ReliabilityHost _host = new(new Dictionary<string, string?> { ["Intake:RateLimit:PermitLimit"] = "1000000" });

    [Fact]
    public async Task A_thousand_concurrent_submissions_for_one_email_make_one_lead_with_each_submission_once()
    {
        var email = $"storm-{Guid.NewGuid():N}@example.com";
        var random = new Random(20260302);

        // Request i carries submission id (i mod DistinctIds), so every id is sent 100 times; each id always names
        // the same form (a replay is the same submission), and the forms are mixed across ids.
        var formOf = Enumerable.Range(0, DistinctIds).ToDictionary(i => $"storm-{i}", i => Forms[i % Forms.Length]);
        var order = Enumerable.Range(0, Requests).OrderBy(_ => random.Next()).ToList();
        var client = _host.Anonymous(peer: "203.0.113.1");
        var clock = Stopwatch.StartNew();
        var responses = await Task.WhenAll(order.Select(async i =>
        {
            var id = $"storm-{i % DistinctIds}";
            await Task.Yield();
            var asHeader = i % 2 == 0;
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/forms/{formOf[id]}/submissions")
            {
                Content = asHeader
                    ? JsonContent.Create(new { email, firstName = "Storm", company = "Acme", country = "FR" })
                    : JsonContent.Create(new { email, firstName = "Storm", company = "Acme", country = "FR", submissionId = id }),
            };
            if (asHeader)
            {
                request.Headers.Add("Idempotency-Key", id);
            }

            var response = await client.SendAsync(request);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }));
        clock.Stop();

        var byStatus = responses.GroupBy(r => r.StatusCode).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine($"{Requests} requests, {DistinctIds} distinct ids, {clock.Elapsed.TotalSeconds:F1} s, statuses: {string.Join(", ", byStatus.Select(p => $"{(int)p.Key}={p.Value}"))}");
        Assert.True(responses.All(r => r.StatusCode == HttpStatusCode.Accepted), string.Join("\n", responses.Where(r => r.StatusCode != HttpStatusCode.Accepted).Take(3).Select(r => $"{r.StatusCode} {r.Body}")));

        var leadId = _host.LeadIdFor(email);
        var store = _host.Services.GetRequiredService<ILeadStore>();
        var lead = (await store.GetAsync(leadId, CancellationToken.None))!.Lead;
        var history = await store.GetHistoryAsync(leadId, CancellationToken.None);
        var playbook = _host.Services.GetRequiredService<Playbook>();

        Assert.Equal(DistinctIds, history.Count);
        Assert.Equal(formOf.Keys.Select(id => "sub:" + id).Order(StringComparer.Ordinal), history.Select(h => h.CommandId).Order(StringComparer.Ordinal));
        Assert.Equal(DistinctIds, lead.Version);
        Assert.Equal(Enumerable.Range(1, DistinctIds).Select(i => (long)i), history.Select(h => h.Sequence).Order());
        Assert.Equal(formOf.Values.Sum(form => playbook.FindForm(form)!.ActivityPoints ?? playbook.Thresholds.DefaultActivityPoints), lead.ActivityScore);

        // Exactly one lead in the table, with one command row per distinct submission id.
        var rows = await CountLeadRowsAsync();
        Assert.Equal((1, DistinctIds + 1), rows);
    }

    public void Dispose() => _host.Dispose();

    /// <summary>Lead rows and command rows in the Leads table (RowKeys "lead|id" and "cmd|id|command"; due rows are not counted).</summary>
    private async Task<(int Leads, int Rows)> CountLeadRowsAsync()
    {
        var table = new Azure.Data.Tables.TableClient(_host.ConnectionString, _host.LeadsTable);
        var leads = 0;
        var commands = 0;
        await foreach (var row in table.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            leads += row.RowKey.StartsWith("lead|", StringComparison.Ordinal) ? 1 : 0;
            commands += row.RowKey.StartsWith("cmd|", StringComparison.Ordinal) ? 1 : 0;
        }

        return (leads, leads + commands);
    }
}
