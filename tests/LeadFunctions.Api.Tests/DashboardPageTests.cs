using System.Net;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Api.Tests;

/// <summary>
/// The dashboard's page and assets: anonymous to load (they hold no data), kept to their own origin by a content
/// security policy, the chart library exactly the file package-lock.json installed, and nothing else served.
/// </summary>
public sealed class DashboardPageTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_page_loads_without_a_key_and_allows_only_its_own_origin()
    {
        var response = await factory.Anonymous().GetAsync("/dashboard");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("src=\"dashboard/assets/chart.umd.min.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http", html.Replace("http-equiv", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_chart_library_is_the_one_the_lockfile_installed()
    {
        var served = await factory.Anonymous().GetByteArrayAsync("/dashboard/assets/chart.umd.min.js");

        var installed = await File.ReadAllBytesAsync(Path.Combine(RepositoryRoot.Path, "node_modules", "chart.js", "dist", "chart.umd.min.js"));
        Assert.Equal(installed, served);
    }

    [Theory]
    [InlineData("dashboard.js", "text/javascript")]
    [InlineData("dashboard.css", "text/css")]
    public async Task Each_asset_is_served_with_its_type(string file, string mediaType)
    {
        var response = await factory.Anonymous().GetAsync($"/dashboard/assets/{file}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("index.html")]
    [InlineData("nothing.js")]
    [InlineData("..%2Fappsettings.json")]
    public async Task Nothing_but_the_assets_is_served(string file)
    {
        var response = await factory.Anonymous().GetAsync($"/dashboard/assets/{file}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_unchanged_asset_is_not_sent_again()
    {
        var client = factory.Anonymous();
        var first = await client.GetAsync("/dashboard/assets/dashboard.js");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/dashboard/assets/dashboard.js");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var second = await client.SendAsync(again);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Fact]
    public async Task The_reads_the_page_makes_still_need_the_key()
    {
        var response = await factory.Anonymous().GetAsync("/api/reports/velocity");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
