using System.Net;
using System.Net.Http.Json;
using LeadFunctions.Http.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LeadFunctions.Reliability.Tests;

/// <summary>Intake:RateLimit end to end through the local host, on a fake clock: no test waits for a window to pass.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly List<ReliabilityHost> _hosts = [];

    [Fact]
    public async Task Over_the_limit_is_429_problem_json_with_retry_after_and_other_clients_are_unaffected()
    {
        var host = Host(permits: 3);
        var a = host.Anonymous(peer: "203.0.113.7");
        var b = host.Anonymous(peer: "198.51.100.20");

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Submit(a)).StatusCode);
        }

        var refused = await Submit(a);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(60), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(429, (await refused.Content.ReadFromJsonAsync<ProblemShape>())!.Status);

        Assert.Equal(HttpStatusCode.Accepted, (await Submit(b)).StatusCode);

        _clock.Advance(TimeSpan.FromSeconds(45));
        Assert.Equal(TimeSpan.FromSeconds(15), (await Submit(a)).Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task The_limit_resets_when_the_window_has_passed()
    {
        var host = Host(permits: 2);
        var a = host.Anonymous(peer: "203.0.113.8");
        await Submit(a);
        await Submit(a);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Submit(a)).StatusCode);

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Submit(a)).StatusCode);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.Accepted, (await Submit(a)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Submit(a)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Submit(a)).StatusCode);
    }

    [Fact]
    public async Task Refused_requests_store_nothing_and_are_refused_before_the_body_is_read()
    {
        var host = Host(permits: 1);
        var a = host.Anonymous(peer: "203.0.113.9");
        Assert.Equal(HttpStatusCode.Accepted, (await Submit(a)).StatusCode);
        var rowsAfterOne = await host.CountRowsAsync();

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, (await Submit(a)).StatusCode);
        }

        // Even a body that would be 413 or 415 is answered 429: the limiter runs first and reads nothing.
        var huge = await a.PostAsync("/api/forms/contact-us/submissions", new StringContent(new string('x', 200_000), System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.TooManyRequests, huge.StatusCode);
        Assert.Equal(rowsAfterOne, await host.CountRowsAsync());
    }

    [Fact]
    public async Task A_directly_exposed_host_ignores_x_forwarded_for()
    {
        var host = Host(permits: 2, source: ClientAddressSource.Connection);
        var a = host.Anonymous(peer: "203.0.113.10");
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await Submit(a, forwardedFor: $"10.0.0.{i}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await Submit(a, forwardedFor: "10.0.0.99")).StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_first_forwarded_hop_is_the_client()
    {
        var host = Host(permits: 2, source: ClientAddressSource.ForwardedForFirst);
        var proxy = host.Anonymous(peer: "10.1.0.4");
        await Submit(proxy, forwardedFor: "203.0.113.50:51234, 10.1.0.1");
        await Submit(proxy, forwardedFor: "203.0.113.50");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Submit(proxy, forwardedFor: "203.0.113.50, 10.9.9.9")).StatusCode);

        // Another client behind the same proxy has its own budget; an unparsable header falls back to the peer.
        Assert.Equal(HttpStatusCode.Accepted, (await Submit(proxy, forwardedFor: "198.51.100.77")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Submit(proxy, forwardedFor: "not-an-address")).StatusCode);
    }

    [Fact]
    public async Task Ipv6_clients_are_limited_per_64_prefix()
    {
        var host = Host(permits: 2);
        await Submit(host.Anonymous(peer: "2001:db8:1:2::1"));
        await Submit(host.Anonymous(peer: "2001:db8:1:2:ffff::9"));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Submit(host.Anonymous(peer: "2001:db8:1:2::abcd"))).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await Submit(host.Anonymous(peer: "2001:db8:1:3::1"))).StatusCode);
    }

    [Fact]
    public void Client_keys_normalise_addresses()
    {
        static string Key(string? peer, string? xff, ClientAddressSource source)
        {
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = peer is null ? null : IPAddress.Parse(peer);
            if (xff is not null)
            {
                context.Request.Headers[IntakeRateLimiter.ForwardedForHeader] = xff;
            }

            return IntakeRateLimiter.ClientKey(context.Request, source);
        }

        Assert.Equal("203.0.113.1", Key("::ffff:203.0.113.1", null, ClientAddressSource.Connection));
        Assert.Equal("2001:db8:1:2::/64", Key("2001:db8:1:2:3:4:5:6", null, ClientAddressSource.Connection));
        Assert.Equal("unknown", Key(null, null, ClientAddressSource.Connection));
        Assert.Equal("198.51.100.1", Key("10.0.0.1", "198.51.100.1, 10.0.0.2", ClientAddressSource.ForwardedForFirst));
        Assert.Equal("10.0.0.2", Key("10.0.0.1", "198.51.100.1, 10.0.0.2", ClientAddressSource.ForwardedForLast));
        Assert.Equal("2001:db8::/64", Key("10.0.0.1", "[2001:db8::5]:443", ClientAddressSource.ForwardedForFirst));
        Assert.Equal("10.0.0.1", Key("10.0.0.1", "<script>", ClientAddressSource.ForwardedForFirst));
    }

    [Fact]
    public void App_service_source_takes_the_front_ends_client_ip_then_the_hop_it_appended()
    {
        static string Key(string? clientIp, string? xff)
        {
            var context = new DefaultHttpContext();
            context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.1");
            if (clientIp is not null)
            {
                context.Request.Headers[IntakeRateLimiter.AppServiceClientIpHeader] = clientIp;
            }

            if (xff is not null)
            {
                context.Request.Headers[IntakeRateLimiter.ForwardedForHeader] = xff;
            }

            return IntakeRateLimiter.ClientKey(context.Request, ClientAddressSource.AppServiceClientIp);
        }

        Assert.Equal("203.0.113.7", Key("203.0.113.7:51234", "198.51.100.99, 203.0.113.7:51234"));
        Assert.Equal("2001:db8::/64", Key("[2001:db8::5]:443", null));
        Assert.Equal("203.0.113.7", Key(null, "198.51.100.99, 203.0.113.7:51234"));
        Assert.Equal("203.0.113.7", Key("not-an-address", "198.51.100.99, 203.0.113.7"));
        Assert.Equal("10.0.0.1", Key(null, null));
    }

    [Fact]
    public void Defaults_are_30_a_minute_and_the_tcp_peer_unless_the_host_chooses()
    {
        var options = new IntakeRateLimitOptions();
        Assert.True(options.Enabled);
        Assert.Equal(30, options.PermitLimit);
        Assert.Equal(TimeSpan.FromMinutes(1), options.Window);
        Assert.Equal(ClientAddressSource.Auto, options.ClientAddress);
        Assert.Equal(ClientAddressSource.Connection, options.EffectiveClientAddress);
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }

    private ReliabilityHost Host(int permits, ClientAddressSource source = ClientAddressSource.Connection)
    {
        var host = new ReliabilityHost(
            new Dictionary<string, string?>
            {
                ["Intake:RateLimit:PermitLimit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Intake:RateLimit:Window"] = "00:01:00",
                ["Intake:RateLimit:ClientAddress"] = source.ToString(),
            },
            services => services.AddSingleton(sp => new IntakeRateLimiter(sp.GetRequiredService<IOptions<IntakeRateLimitOptions>>(), _clock)));
        _hosts.Add(host);
        return host;
    }

    private static Task<HttpResponseMessage> Submit(HttpClient client, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/forms/newsletter/submissions")
        {
            Content = JsonContent.Create(new { email = $"rate-{Guid.NewGuid():N}@example.com" }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add(IntakeRateLimiter.ForwardedForHeader, forwardedFor);
        }

        return client.SendAsync(request);
    }

    private sealed record ProblemShape(int Status, string? Title);
}
