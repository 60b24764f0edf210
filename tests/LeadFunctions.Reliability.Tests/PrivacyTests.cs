using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using LeadFunctions.TestSupport;
using Xunit.Abstractions;

namespace LeadFunctions.Reliability.Tests;

/// <summary>
/// A representative day (good and bad submissions, events by lead and by e-mail, the queue worker, every sweep, a GDPR
/// erase) with every log at Trace: no e-mail address, name, phone number or form message appears in any message or structured value.
/// </summary>
public sealed partial class PrivacyTests(ITestOutputHelper output) : IDisposable
{
    private readonly CapturingLoggerProvider _logs = new();
    private ReliabilityHost? _host;

    [Fact]
    public async Task No_personal_data_reaches_the_logs_at_trace_level()
    {
        _host = new ReliabilityHost(new Dictionary<string, string?> { ["Intake:RateLimit:PermitLimit"] = "1000" }, logs: _logs, runWorker: true);
        var anonymous = _host.Anonymous(peer: "203.0.113.99");
        var keyed = _host.Keyed();
        var people = Enumerable.Range(0, 4).Select(i => (
            Email: $"Priv.Acy{i}-{Guid.NewGuid():N}@Example-Corp.com",
            First: $"Zebulon{i}x",
            Last: $"Quixotic{i}y",
            Phone: $"+33 6 12 34 5{i} 7{i}")).ToList();

        var leadIds = new List<string>();
        foreach (var (email, first, last, phone) in people)
        {
            var response = await anonymous.PostAsJsonAsync("/api/forms/contact-us/submissions", new { email, firstName = first, lastName = last, phone, company = "Acme", country = "FR", employees = 300, message = $"Please ring me about Yoyodyne{first}" });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            leadIds.Add((await response.Content.ReadFromJsonAsync<Accepted>())!.LeadId);

            // Replays, bad fields (echoed nowhere), an unknown form and a honeypot, all carrying the person's data.
            await anonymous.PostAsJsonAsync("/api/forms/whitepaper/submissions", new { email, firstName = first, phone, submissionId = "s-" + first });
            await anonymous.PostAsJsonAsync("/api/forms/whitepaper/submissions", new { email, firstName = first, phone, submissionId = "s-" + first });
            await anonymous.PostAsJsonAsync("/api/forms/contact-us/submissions", new { email, firstName = first + "\u0007", phone = phone + new string('9', 60), country = "Narnia" });
            await anonymous.PostAsJsonAsync("/api/forms/contact-us/submissions", new { email = email.Replace("@", " at ", StringComparison.Ordinal), firstName = first });
            await anonymous.PostAsJsonAsync("/api/forms/no-such-form/submissions", new { email, firstName = first });
            await anonymous.PostAsJsonAsync("/api/forms/contact-us/submissions", new { email, firstName = first, website = "http://spam.example" });
            await anonymous.PostAsync("/api/forms/contact-us/submissions", new StringContent($"{{\"email\":\"{email}\",", System.Text.Encoding.UTF8, "application/json"));
        }

        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        Assert.Equal(HttpStatusCode.Accepted, (await keyed.PostAsJsonAsync($"/api/leads/{leadIds[0]}/events", new { eventId = "p-1", type = "FirstOutreachSent", occurredAt = at, actor = "rep-1" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await keyed.PostAsJsonAsync("/api/events", new { email = people[1].Email, eventId = "p-2", type = "ContactMade", occurredAt = at, actor = "rep-2" })).StatusCode);
        await keyed.PostAsJsonAsync("/api/events", new { email = people[2].Email, eventId = "p-3", type = "DealWon", occurredAt = at, actor = "rep-2" });
        await keyed.PostAsJsonAsync("/api/events", new { email = "nobody-" + people[3].Email, eventId = "p-4", type = "ContactMade", occurredAt = at, actor = "rep-2" });
        await keyed.PostAsJsonAsync("/api/events", new { email = people[3].Email, eventId = "p-5", type = "ContactMade", occurredAt = at.AddDays(3), actor = "rep-2" });
        await WaitAsync(keyed, leadIds[1], "\"status\":\"Connected\"");

        foreach (var sweep in new[] { "disqualify-no-contact", "recycle-dark", "flag-check-backs", "flag-sla-breaches" })
        {
            var asOf = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(400).ToString("O"));
            Assert.Equal(HttpStatusCode.OK, (await keyed.PostAsync($"/api/admin/sweeps/{sweep}?asOf={asOf}", null)).StatusCode);
        }

        await keyed.GetAsync($"/api/leads?status=Disqualified");
        Assert.Equal(HttpStatusCode.NoContent, (await keyed.DeleteAsync($"/api/leads/{leadIds[3]}")).StatusCode);

        var entries = _logs.Entries.ToList();
        output.WriteLine($"{entries.Count} log entries captured at Trace");
        Assert.True(entries.Count > 100, "the flow should have logged plenty");
        var leaks = entries.Where(e => EmailPattern().IsMatch(e)
            || e.Contains("Yoyodyne", StringComparison.Ordinal)
            || people.Any(p => e.Contains(p.First, StringComparison.OrdinalIgnoreCase) || e.Contains(p.Last, StringComparison.OrdinalIgnoreCase)
                || e.Contains(p.Phone, StringComparison.Ordinal) || e.Contains(p.Phone.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal)))
            .ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(5)));
    }

    public void Dispose() => _host?.Dispose();

    private static async Task WaitAsync(HttpClient client, string leadId, string fragment)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!(await client.GetStringAsync($"/api/leads/{leadId}", timeout.Token)).Contains(fragment, StringComparison.Ordinal))
        {
            await Task.Delay(100, timeout.Token);
        }
    }

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    private sealed record Accepted(string SubmissionId, string LeadId);
}
