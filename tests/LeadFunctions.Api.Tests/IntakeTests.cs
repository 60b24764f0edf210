using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace LeadFunctions.Api.Tests;

public sealed class IntakeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.Anonymous();

    [Fact]
    public async Task Json_submission_is_accepted_and_a_replay_gets_the_same_answer()
    {
        var email = Api.Email();
        var body = new { email, firstName = "Ada", consent = true, employees = 250 };
        var first = await _client.SubmitJsonAsync("contact-us", body, idempotencyKey: "sub-replay-1");
        var replay = await _client.SubmitJsonAsync("contact-us", body, idempotencyKey: "sub-replay-1");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var answer = await first.JsonAsync();
        Assert.Equal("sub-replay-1", answer.GetProperty("submissionId").GetString());
        Assert.Equal(factory.LeadIdFor(email), answer.GetProperty("leadId").GetString());
        Assert.Equal(answer.ToString(), (await replay.JsonAsync()).ToString());

        var lead = await factory.Keyed().GetAsync($"/api/leads/{answer.GetProperty("leadId").GetString()}");
        Assert.Single((await lead.JsonAsync()).GetProperty("history").EnumerateArray());
    }

    [Fact]
    public async Task Url_encoded_and_multipart_forms_are_accepted()
    {
        var urlEncoded = await _client.PostAsync("/api/forms/whitepaper/submissions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = Api.Email(),
            ["firstName"] = "Grace",
            ["submissionId"] = "form-post-1",
        }));
        using var multipart = new MultipartFormDataContent { { new StringContent(Api.Email()), "email" }, { new StringContent("Linus"), "firstName" } };
        var multi = await _client.PostAsync("/api/forms/whitepaper/submissions", multipart);

        Assert.Equal(HttpStatusCode.Accepted, urlEncoded.StatusCode);
        Assert.Equal("form-post-1", (await urlEncoded.JsonAsync()).GetProperty("submissionId").GetString());
        Assert.Equal(HttpStatusCode.Accepted, multi.StatusCode);
        Assert.StartsWith("ld-", (await multi.JsonAsync()).GetProperty("leadId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_media_types_are_415()
    {
        var response = await _client.PostAsync("/api/forms/contact-us/submissions", new StringContent("email=a@example.com", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Bodies_over_64_KiB_are_413_with_or_without_content_length()
    {
        var big = "{\"email\":\"a@example.com\",\"message\":\"" + new string('x', 70_000) + "\"}";
        var withLength = await _client.PostAsync("/api/forms/contact-us/submissions", new StringContent(big, Encoding.UTF8, "application/json"));
        var chunked = await _client.PostAsync("/api/forms/contact-us/submissions", new UnknownLengthContent(Encoding.UTF8.GetBytes(big), "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"email\":")]
    [InlineData("{\"email\":{\"nested\":true}}")]
    [InlineData("{\"email\":null}")]
    [InlineData("{\"email\":\"a@example.com\",\"email\":\"b@example.com\"}")]
    public async Task Json_that_is_not_a_flat_object_is_400(string json)
    {
        var response = await _client.PostAsync("/api/forms/contact-us/submissions", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Repeated_form_fields_are_400()
    {
        var response = await _client.PostAsync("/api/forms/contact-us/submissions", new FormUrlEncodedContent(
        [
            new("email", Api.Email()),
            new("email", Api.Email()),
        ]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task File_uploads_are_400()
    {
        using var multipart = new MultipartFormDataContent
        {
            { new StringContent(Api.Email()), "email" },
            { new ByteArrayContent([1, 2, 3]), "message", "evil.bin" },
        };
        var response = await _client.PostAsync("/api/forms/contact-us/submissions", multipart);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_form_is_404_naming_the_valid_form_ids()
    {
        var response = await _client.SubmitJsonAsync("demo", new { email = Api.Email() });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var detail = (await response.JsonAsync()).GetProperty("detail").GetString();
        Assert.Equal(
            "There is no such form. Forms: newsletter, webinar, whitepaper, assessment-request, contact-us, demo-request, pricing.",
            detail);
    }

    [Fact]
    public async Task Invalid_fields_are_400_with_field_errors()
    {
        var response = await _client.SubmitJsonAsync("contact-us", new { email = "not-an-email", country = "France", shoeSize = 42 }, idempotencyKey: "ok-key");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("country", out _));
        Assert.True(errors.TryGetProperty("shoeSize", out _));
    }

    [Fact]
    public async Task Invalid_idempotency_key_is_400()
    {
        var response = await _client.SubmitJsonAsync("contact-us", new { email = Api.Email() }, idempotencyKey: "has/slash");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("submissionId", out _));
    }

    [Fact]
    public async Task Honeypot_is_202_without_a_lead_and_stores_nothing()
    {
        var email = Api.Email();
        var response = await _client.SubmitJsonAsync("contact-us", new { email, website = "http://spam.example" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var answer = await response.JsonAsync();
        Assert.False(string.IsNullOrEmpty(answer.GetProperty("submissionId").GetString()));
        Assert.False(answer.TryGetProperty("leadId", out _));
        var lead = await factory.Keyed().GetAsync($"/api/leads/{factory.LeadIdFor(email)}");
        Assert.Equal(HttpStatusCode.NotFound, lead.StatusCode);
    }

    [Fact]
    public async Task Redirect_to_an_allowed_origin_is_303()
    {
        var response = await _client.PostAsync("/api/forms/contact-us/submissions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = Api.Email(),
            ["redirect"] = ApiFactory.AllowedOrigin + "/thanks?x=1",
        }));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(new Uri(ApiFactory.AllowedOrigin + "/thanks?x=1"), response.Headers.Location);
    }

    [Theory]
    [InlineData(ApiFactory.AllowedOrigin, ApiFactory.AllowedOrigin + "/?submitted=1#thank-you")]
    [InlineData(null, "http://localhost/?submitted=1#thank-you")]
    [InlineData("https://evil.example.com", "http://localhost/?submitted=1#thank-you")]
    public async Task A_redirect_path_lands_on_the_allowed_page_origin_or_else_this_host(string? pageOrigin, string expected)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/forms/contact-us/submissions")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = Api.Email(), ["redirect"] = "/?submitted=1#thank-you" }),
        };
        if (pageOrigin is not null)
        {
            request.Headers.Add("Origin", pageOrigin);
        }

        var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.AbsoluteUri);
    }

    [Fact]
    public async Task A_redirect_to_this_hosts_own_origin_is_allowed()
    {
        var response = await _client.PostAsync("/api/forms/contact-us/submissions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = Api.Email(),
            ["redirect"] = "http://localhost/thanks",
        }));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("http://localhost/thanks", response.Headers.Location?.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://evil.example.com/thanks")]
    [InlineData("//evil.example.com/thanks")]
    [InlineData("/\\evil.example.com/thanks")]
    [InlineData("thanks")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://www.example.com.evil.example/x")]
    public async Task Redirect_elsewhere_is_400_and_stores_nothing(string redirect)
    {
        var email = Api.Email();
        var response = await _client.PostAsync("/api/forms/contact-us/submissions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = email,
            ["redirect"] = redirect,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("redirect", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await factory.Keyed().GetAsync($"/api/leads/{factory.LeadIdFor(email)}")).StatusCode);
    }

    [Fact]
    public async Task Cors_preflight_allows_configured_origins_only()
    {
        var allowed = await _client.SendAsync(Preflight(ApiFactory.AllowedOrigin));
        var denied = await _client.SendAsync(Preflight("https://evil.example.com"));

        Assert.True(allowed.IsSuccessStatusCode);
        Assert.Equal(ApiFactory.AllowedOrigin, allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(denied.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Cors_headers_are_on_the_actual_post()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/forms/newsletter/submissions")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = Api.Email() }),
        };
        request.Headers.Add("Origin", ApiFactory.AllowedOrigin);
        var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(ApiFactory.AllowedOrigin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/forms/contact-us/submissions");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type");
        return request;
    }

    /// <summary>A body sent without Content-Length, so the limit must be enforced while reading.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnknownLengthContent(byte[] bytes, string mediaType)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
