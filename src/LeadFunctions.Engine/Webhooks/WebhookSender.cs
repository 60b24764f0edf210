using System.Globalization;
using System.Net.Http.Headers;
using LeadFunctions.Domain.Events;
using LeadFunctions.Engine.Events;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Webhooks;

/// <summary>
/// POSTs one event to one subscriber, signed at send time (so a retry a day later carries a fresh timestamp), within
/// the configured timeout. One pooled client for the process; connections are recycled so a receiver's DNS change is seen.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient _client;
    private readonly TimeProvider _time;

    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.Value.Timeout,
            AllowAutoRedirect = false,
        };
        _client = new HttpClient(handler) { Timeout = options.Value.Timeout };
    }

    public async Task<WebhookAttempt> SendAsync(WebhookSubscriber subscriber, LeadEvent leadEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(leadEvent);
        var body = WebhookBody.For(subscriber, leadEvent);
        using var request = new HttpRequestMessage(HttpMethod.Post, subscriber.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.EventIdHeader, leadEvent.EventId);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(body, subscriber.Secret, _time.GetUtcNow()));
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode
                ? WebhookAttempt.Success
                : WebhookAttempt.Failed("HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return WebhookAttempt.Failed("timeout");
        }
        catch (HttpRequestException ex)
        {
            // The error kind only: the message can name the host, and the URL may carry a token.
            return WebhookAttempt.Failed("connection failed: " + ex.HttpRequestError);
        }
    }

    public void Dispose() => _client.Dispose();
}
