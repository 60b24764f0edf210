using System.Net;
using System.Net.Http.Json;
using System.Text;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Reliability.Tests;

/// <summary>
/// Every refused API request (400, 401, 404, 413, 415, 429) is logged exactly once at Information with its status, route
/// template and reason code, and with none of what the client sent.
/// </summary>
public sealed class RejectedRequestLogTests : IDisposable
{
    private const string Email = "Reject.Ed-7f3a@Example-Corp.com";
    private const string Message = "Please call my mobile, Zanzibar-quartz";
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ReliabilityHost _host;

    public RejectedRequestLogTests()
        => _host = new ReliabilityHost(new Dictionary<string, string?> { ["Intake:RateLimit:PermitLimit"] = "6" }, logs: _logs);

    [Fact]
    public async Task Each_rejection_is_one_information_line_with_status_route_and_reason_and_no_personal_data()
    {
        var anonymous = _host.Anonymous(peer: "203.0.113.40");
        var keyed = _host.Keyed();
        var unknownLead = _host.LeadIdFor("nobody-" + Email);
        var cases = new (Func<Task<HttpResponseMessage>> Send, int Status, string Expected)[]
        {
            (() => anonymous.PostAsJsonAsync("/api/forms/contact-us/submissions", new { email = Email, country = "XY", message = Message }), 400, "400 POST /api/forms/{formId}/submissions (invalid-fields)"),
            (() => anonymous.PostAsJsonAsync("/api/forms/demo/submissions", new { email = Email, message = Message }), 404, "404 POST /api/forms/{formId}/submissions (no-such-form)"),
            (() => anonymous.PostAsync("/api/forms/contact-us/submissions", new StringContent(new string('x', 70_000) + Email, Encoding.UTF8, "application/json")), 413, "413 POST /api/forms/{formId}/submissions (body-too-large)"),
            (() => anonymous.PostAsync("/api/forms/contact-us/submissions", new StringContent(Email, Encoding.UTF8, "text/plain")), 415, "415 POST /api/forms/{formId}/submissions (unsupported-media-type)"),
            (() => anonymous.PostAsync("/api/forms/contact-us/submissions", new StringContent("{\"email\":\"" + Email + "\",", Encoding.UTF8, "application/json")), 400, "400 POST /api/forms/{formId}/submissions (malformed-json)"),
            (() => anonymous.GetAsync($"/api/leads?owner={Uri.EscapeDataString(Email)}"), 401, "401 GET /api/leads (no-valid-key)"),
            (() => keyed.GetAsync($"/api/leads/{unknownLead}"), 404, "404 GET /api/leads/{leadId} (no-such-lead)"),
            (() => keyed.PostAsJsonAsync("/api/events", new { email = Email, eventId = "e-1", type = "WentDark", occurredAt = DateTimeOffset.UtcNow, actor = "rep-1" }), 400, "400 POST /api/events (invalid-fields)"),
        };

        foreach (var (send, status, expected) in cases)
        {
            var before = Rejections().Count;
            var response = await send();

            Assert.Equal(status, (int)response.StatusCode);
            var logged = Rejections().Skip(before).ToList();
            var line = Assert.Single(logged);
            Assert.StartsWith("Information LeadFunctions.Http.RejectedRequests: Request rejected: " + expected, line, StringComparison.Ordinal);
        }

        // Past Intake:RateLimit (6) for this address, whatever the earlier answers were, the limiter refuses.
        HttpResponseMessage limited;
        do
        {
            limited = await anonymous.PostAsJsonAsync("/api/forms/contact-us/submissions", new { email = Email, message = Message });
        }
        while (limited.StatusCode == HttpStatusCode.Accepted);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Contains(Rejections(), l => l.Contains("429 POST /api/forms/{formId}/submissions (rate-limited)", StringComparison.Ordinal));

        var everything = _logs.Entries.ToList();
        Assert.DoesNotContain(everything, e => e.Contains(Email, StringComparison.OrdinalIgnoreCase) || e.Contains("Zanzibar", StringComparison.Ordinal));
    }

    public void Dispose() => _host.Dispose();

    private List<string> Rejections() => [.. _logs.Entries.Where(e => e.Contains("LeadFunctions.Http.RejectedRequests", StringComparison.Ordinal))];
}
