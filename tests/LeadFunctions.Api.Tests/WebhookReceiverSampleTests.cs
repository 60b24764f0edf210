using System.Diagnostics;
using System.Net;
using System.Text;
using LeadFunctions.Engine.Events;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Api.Tests;

/// <summary>
/// samples/webhook-receiver/receiver.mjs, run with node, against deliveries signed by the product's own signer: it
/// accepts a fresh, intact delivery and refuses a tampered, mis-keyed or replayed one.
/// </summary>
public sealed class WebhookReceiverSampleTests : IAsyncLifetime, IDisposable
{
    private const string Secret = "whsec_sample_test_0123456789";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"eventId":"ev-1","type":"OwnerAssigned","leadId":"ld-abc"}""");
    private readonly HttpClient _client = new();
    private Process? _receiver;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = AzuriteServer.FreePort();
        var start = new ProcessStartInfo("node", [Path.Combine(RepositoryRoot.Path, "samples", "webhook-receiver", "receiver.mjs")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["WEBHOOK_SECRET"] = Secret;
        start.Environment["PORT"] = _port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _receiver = Process.Start(start)!;
        var ready = await _receiver.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.StartsWith("listening", ready, StringComparison.Ordinal);
    }

    public void Dispose() => _client.Dispose();

    public async Task DisposeAsync()
    {
        if (_receiver is { HasExited: false })
        {
            _receiver.Kill(entireProcessTree: true);
            await _receiver.WaitForExitAsync();
        }

        _receiver?.Dispose();
    }

    private async Task<HttpStatusCode> DeliverAsync(byte[] body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{_port}/") { Content = new ByteArrayContent(body) };
        request.Headers.Add(WebhookSignature.Header, signature);
        request.Headers.Add(WebhookSignature.EventIdHeader, "ev-1");
        using var response = await _client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_fresh_intact_delivery_is_accepted()
    {
        Assert.Equal(HttpStatusCode.NoContent, await DeliverAsync(Body, WebhookSignature.Sign(Body, Secret, DateTimeOffset.UtcNow)));
    }

    [Fact]
    public async Task Tampered_mis_keyed_and_replayed_deliveries_are_refused()
    {
        var now = DateTimeOffset.UtcNow;
        var tampered = Encoding.UTF8.GetBytes("""{"eventId":"ev-1","type":"OwnerAssigned","leadId":"ld-abd"}""");

        Assert.Equal(HttpStatusCode.Unauthorized, await DeliverAsync(tampered, WebhookSignature.Sign(Body, Secret, now)));
        Assert.Equal(HttpStatusCode.Unauthorized, await DeliverAsync(Body, WebhookSignature.Sign(Body, "whsec_someone_else_0123", now)));
        Assert.Equal(HttpStatusCode.Unauthorized, await DeliverAsync(Body, WebhookSignature.Sign(Body, Secret, now.AddMinutes(-6))));
    }
}
