using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Azure;
using Azure.Storage.Queues;
using Xunit.Abstractions;

namespace LeadFunctions.Reliability.Tests;

/// <summary>
/// 10,000 generated bad requests (seeded, so a failure reproduces) against the intake and the events endpoints:
/// no answer is a 5xx and nothing is stored or queued. Every request carries at least one defect that makes it invalid,
/// and most carry hostile content besides (scripts, control characters, invalid UTF-8, path tricks, huge fields).
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IDisposable
{
    public const int Seed = 424242;
    private const int Count = 10_000;

    private static readonly string[] Hostile =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'; DROP TABLE Leads;--", "../../etc/passwd", "%2e%2e%2f%2e%2e",
        "..\\..\\windows", "\u0000\u0001\u0007", "line\r\nInjected: header", "\u202Eevil\u202C", "${jndi:ldap://x}", "{{7*7}}",
        "ﾟДﾟ", "🙂🙃", "\t", " ", "null", "true", "-1", "1e309", "0x41", "PartitionKey eq 'x'", "|~", "#", "?", "/",
    ];

    private static readonly string[] Forms = ["contact-us", "whitepaper", "newsletter", "pricing", "no-such-form"];
    // No "%00": TestServer refuses a NUL in the path on the client side, and Kestrel answers 400 before the app runs.
    private static readonly string[] PathIds =
    [
        "..", "%2e%2e", "..%2f..%2fadmin", "%2E%2E%5C", "a/../../b", "%ff%fe", "%252e%252e", new string('a', 2000), "ld-" + new string('A', 24), "ld-../../x",
        "CON", "%3Cscript%3E", "~", "%20",
    ];

    private readonly ReliabilityHost _host = new(new Dictionary<string, string?> { ["Intake:RateLimit:PermitLimit"] = "1000000" });

    [Fact]
    public async Task Ten_thousand_bad_requests_get_no_5xx_and_store_nothing()
    {
        var random = new Random(Seed);
        var anonymous = _host.Anonymous(peer: "203.0.113.66");
        var keyed = _host.Keyed();
        var statuses = new Dictionary<int, int>();
        var failures = new List<string>();
        var batch = new List<Task>();
        for (var i = 0; i < Count; i++)
        {
            var (request, label) = Generate(random, i);
            var client = request.RequestUri!.OriginalString.Contains("/submissions", StringComparison.Ordinal) ? anonymous : keyed;
            batch.Add(SendAsync(client, request, label));
            if (batch.Count == 32)
            {
                await Task.WhenAll(batch);
                batch.Clear();
            }
        }

        await Task.WhenAll(batch);
        output.WriteLine($"seed {Seed}: {string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"))}");
        Assert.Empty(failures);
        Assert.Equal(Count, statuses.Values.Sum());
        Assert.Equal(0, await _host.CountRowsAsync());
        Assert.Equal(0, await QueuedAsync());

        async Task SendAsync(HttpClient client, HttpRequestMessage request, string label)
        {
            var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            lock (statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status >= 500 || (status is >= 200 and < 300 && !(status == 202 && label.EndsWith("(202 allowed)", StringComparison.Ordinal))))
                {
                    failures.Add($"{status} for {label}");
                }
            }
        }
    }

    /// <summary>
    /// Known bug (docs/reliability.md): JsonDocument.Parse does not validate UTF-8 or escaped surrogates inside strings; JsonElement.GetString and
    /// JsonProperty.Name then throw InvalidOperationException, which nothing maps, so the answer is 500.
    /// </summary>
    [Theory]
    [InlineData("/api/forms/contact-us/submissions", false)]
    [InlineData("/api/forms/no-such-form/submissions", false)]
    [InlineData("/api/events", true)]
    [InlineData("/api/forms/contact-us/submissions?surrogate", false)]
    [InlineData("/api/events?surrogate", true)]
    public async Task Invalid_utf8_inside_json_strings_is_400(string path, bool keyed)
    {
        // Raw invalid UTF-8 in a string, or an escaped lone surrogate ("\ud800"), which cannot become a .NET string either.
        byte[] body = path.EndsWith("?surrogate", StringComparison.Ordinal)
            ? "{\"email\":\"a@example.com\",\"firstName\":\"\\ud800\",\"actor\":\"\\ud800\"}"u8.ToArray()
            : [.. "{\"email\":\"a"u8.ToArray(), 0xC3, 0x28, .. "@example.com\"}"u8.ToArray()];
        var client = keyed ? _host.Keyed() : _host.Anonymous(peer: "203.0.113.67");
        var response = await client.PostAsync(path, Bytes(body, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    public void Dispose() => _host.Dispose();

    private async Task<int> QueuedAsync()
    {
        try
        {
            return (await new QueueClient(_host.ConnectionString, _host.QueueName).GetPropertiesAsync()).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return 0;
        }
    }

    private static (HttpRequestMessage Request, string Label) Generate(Random random, int i)
    {
        var kind = random.Next(14);
        var events = random.Next(3) == 0;
        var path = events
            ? random.Next(2) == 0 ? "/api/events" : $"/api/leads/{Pick(random, PathIds)}/events"
            : $"/api/forms/{(random.Next(4) == 0 ? Pick(random, PathIds) : Pick(random, Forms))}/submissions";
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        string label;
        switch (kind)
        {
            case 0: // Truncated or broken JSON.
                var json = ValidJson(random, events);
                request.Content = Bytes(Encoding.UTF8.GetBytes(json[..random.Next(json.Length - 1)] + Pick(random, ["", "]", ",", "\"", "{"])), "application/json");
                label = "broken json";
                break;
            case 1: // Invalid UTF-8 outside JSON strings, and in form bodies (inside JSON strings: see the skipped test below).
                byte[] bad = [0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80, 0xF8];
                var invalid = bad.Take(1 + random.Next(bad.Length)).ToArray();
                request.Content = random.Next(2) == 0
                    ? Bytes([.. "{\"email\":"u8.ToArray(), .. invalid, .. "}"u8.ToArray()], "application/json")
                    : Bytes([.. "email="u8.ToArray(), .. invalid, .. "&firstName="u8.ToArray(), .. invalid], "application/x-www-form-urlencoded");
                label = "invalid utf-8";
                break;
            case 2: // Wrong JSON types.
                request.Content = Text(Pick(random,
                [
                    "{\"email\":123}", "{\"email\":[\"a@example.com\"]}", "{\"email\":{\"$ne\":null}}", "[]", "42", "\"a@example.com\"", "null", "true",
                    "{\"type\":1,\"eventId\":2}", "{\"points\":\"many\",\"type\":\"ActivityRecorded\"}", "{\"email\":true,\"firstName\":false}",
                ]), "application/json");
                label = "wrong types";
                break;
            case 3: // Unknown fields (always invalid) with hostile names and values.
                request.Content = Text($"{{\"email\":\"u{i}@example.com\",\"{Escape(Pick(random, Hostile))}x\":\"{Escape(Pick(random, Hostile))}\",\"eventId\":\"e{i}\",\"type\":\"ContactMade\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"actor\":\"r\",\"zzUnknown\":1}}", "application/json");
                label = "unknown fields";
                break;
            case 4: // Huge fields (past every length limit, under or over the body limit).
                var size = random.Next(2) == 0 ? 5_000 + random.Next(50_000) : 70_000 + random.Next(100_000);
                request.Content = Text($"{{\"email\":\"h{i}@example.com\",\"firstName\":\"{new string('x', size)}\",\"message\":\"{new string('m', size)}\",\"eventId\":\"{new string('e', 200)}\",\"type\":\"ContactMade\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"actor\":\"{new string('a', size)}\"}}", "application/json");
                label = "huge fields";
                break;
            case 5: // Control characters and scripts in fields that must be printable.
                request.Content = Text($"{{\"email\":\"c{i}@exa\\u0000mple.com\",\"firstName\":\"{Escape(Pick(random, Hostile))}\\u0007\",\"eventId\":\"e\\n{i}\",\"type\":\"ContactMade\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"actor\":\"<script>\\u0001\"}}", "application/json");
                label = "control characters";
                break;
            case 6: // Malformed url-encoding.
                request.Content = Text(Pick(random, ["email=%", "email=%zz&firstName=%", "=&&==", "email=a%40example.com&email=b%40example.com", "%ff%fe=%c3%28", "email=" + new string('%', 100), "a=b;c=d&&website=spam&email=not-an-email"]), "application/x-www-form-urlencoded");
                label = "malformed url-encoded";
                break;
            case 7: // Malformed multipart.
                request.Content = Text(Pick(random, ["--x\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\na@example.com", "garbage", "--x--", "--x\r\n\r\n\r\n--x--", "--x\r\nContent-Disposition: form-data; name=\"email\"; filename=\"a.exe\"\r\n\r\nMZ\r\n--x--\r\n"]), "multipart/form-data; boundary=x");
                if (random.Next(3) == 0)
                {
                    request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
                }

                label = "malformed multipart";
                break;
            case 8: // Wrong or broken content types.
                request.Content = Text(ValidJson(random, events), "text/plain");
                request.Content.Headers.ContentType = Pick(random, new MediaTypeHeaderValue?[] { new("text/plain"), new("application/xml"), new("image/png"), null, new("application/jsonx") });
                label = "wrong content type";
                break;
            case 9: // Bad ids in the body: path tricks, too long, illegal characters.
                var badId = Pick(random, ["../x", "%2e%2e", "a/b", "a#b", "a?b", new string('i', 129), "", " ", "ä", "a\\b", "\u0000"]);
                request.Content = Text($"{{\"email\":\"not-valid-{i}\",\"submissionId\":\"{Escape(badId)}\",\"eventId\":\"{Escape(badId)}\",\"type\":\"ContactMade\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"actor\":\"r\"}}", "application/json");
                request.Headers.TryAddWithoutValidation("Idempotency-Key", badId);
                label = "bad ids";
                break;
            case 10: // Deep nesting.
                var depth = 10 + random.Next(2000);
                request.Content = Text(new string('[', depth) + new string(']', depth), "application/json");
                label = "deep nesting";
                break;
            case 11: // Duplicate keys and a mismatched Idempotency-Key.
                request.Content = Text($"{{\"email\":\"d{i}@example.com\",\"email\":\"e{i}@example.com\",\"eventId\":\"x\",\"eventId\":\"y\"}}", "application/json");
                request.Headers.Add("Idempotency-Key", ["k1", "k2"]);
                label = "duplicate keys";
                break;
            case 12: // Honeypot filled with otherwise valid fields: accepted-looking for a bot, never stored (202 allowed below).
                request.Content = Text($"{{\"email\":\"bot{i}@example.com\",\"website\":\"{Escape(Pick(random, Hostile))}x\",\"eventId\":\"e{i}\",\"type\":\"Nope\"}}", "application/json");
                label = "honeypot";
                break;
            default: // Random bytes under a JSON or form content type.
                var noise = new byte[random.Next(1, 2048)];
                random.NextBytes(noise);
                request.Content = Bytes(noise, Pick(random, ["application/json", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz"]));
                label = "random bytes";
                break;
        }

        // The honeypot answers 202 without storing: count it as a success only for the intake.
        if (kind == 12 && !events)
        {
            label += " (202 allowed)";
        }

        return (request, $"#{i} {label} {path[..Math.Min(path.Length, 80)]}");
    }

    private static string ValidJson(Random random, bool events) => events
        ? $"{{\"eventId\":\"e{random.Next()}\",\"type\":\"ContactMade\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"actor\":\"rep\",\"email\":\"v{random.Next()}@example.com\"}}"
        : $"{{\"email\":\"v{random.Next()}@example.com\",\"firstName\":\"Val\"}}";

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>JSON string escaping that also carries lone surrogates through (as \uD800), which encoders refuse.</summary>
    private static string Escape(string value) => string.Concat(value.Select(c => c is < ' ' or '"' or '\\' or > '~'
        ? "\\u" + ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)
        : c.ToString()));

    private static ByteArrayContent Text(string text, string contentType) => Bytes(Encoding.UTF8.GetBytes(text), contentType);

    private static ByteArrayContent Bytes(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }
}
