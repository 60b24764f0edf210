using System.Net;
using System.Text;
using System.Text.Json;

namespace LeadFunctions.Api.Tests;

/// <summary>
/// Imports over HTTP (issue 16, item 4): a list posted as NDJSON or CSV is stored and answered 202, its rows are applied
/// in the background by the local queue consumer, and the status route shows progress, counts and row errors. Each
/// source places new people where it should; a repeated file creates and applies nothing.
/// </summary>
public sealed class ImportTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private readonly HttpClient _client = factory.Keyed();

    private static string Ndjson(params object[] rows) => string.Join('\n', rows.Select(r => JsonSerializer.Serialize(r)));

    private Task<HttpResponseMessage> PostAsync(string source, string body, string contentType = "application/x-ndjson", HttpClient? client = null)
        => (client ?? _client).PostAsync($"/api/imports?source={source}", new StringContent(body, Encoding.UTF8, contentType));

    private async Task<string> StartAsync(string source, string body, string contentType = "application/x-ndjson")
    {
        var response = await PostAsync(source, body, contentType);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("importId").GetString()!;
    }

    /// <summary>Polls the status route until the import is completed; bounded so a broken consumer fails instead of hanging.</summary>
    private async Task<JsonElement> CompletedAsync(string importId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var response = await _client.GetAsync($"/api/imports/{importId}", timeout.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var status = await response.JsonAsync();
            if (status.GetProperty("state").GetString() == "completed")
            {
                return status;
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    private async Task<JsonElement> LeadAsync(string email) => await (await _client.GetAsync($"/api/leads/{factory.LeadIdFor(email)}")).JsonAsync();

    private static (int Total, int Done, int Created, int Updated, int Unchanged) Counts(JsonElement status) => (
        status.GetProperty("total").GetInt32(), status.GetProperty("done").GetInt32(), status.GetProperty("created").GetInt32(),
        status.GetProperty("updated").GetInt32(), status.GetProperty("unchanged").GetInt32());

    [Fact]
    public async Task A_purchased_list_makes_nurtured_MQLs_and_the_same_file_again_changes_nothing()
    {
        var (a, b) = (Api.Email(), Api.Email());
        var body = Ndjson(new { email = a, firstName = "Ann", company = "Acme", country = "FR" }, new { email = b, employees = 40, consent = true });

        var first = await CompletedAsync(await StartAsync("purchased-list", body));
        var again = await CompletedAsync(await StartAsync("purchased-list", body));

        Assert.Equal((2, 2, 2, 0, 0), Counts(first));
        Assert.Equal((2, 2, 0, 0, 2), Counts(again));
        Assert.Equal("purchased-list", first.GetProperty("source").GetString());
        var lead = await LeadAsync(a);
        Assert.Equal(("MQL", "Nurturing"), (lead.GetProperty("stage").GetString(), lead.GetProperty("status").GetString()));
        var line = Assert.Single(lead.GetProperty("history").EnumerateArray());
        Assert.Equal(("LeadImported", "import:purchased-list"), (line.GetProperty("type").GetString(), line.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task Bad_rows_are_reported_by_number_and_field_and_the_good_rows_still_land()
    {
        var good = Api.Email();
        var body = Ndjson(new { email = "not-an-address" }, new { email = good }, new { email = Api.Email(), nickname = "x" }) + "\n{broken";

        var status = await CompletedAsync(await StartAsync("research", body));

        Assert.Equal((4, 4, 1, 0, 0), Counts(status));
        var errors = status.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(1, "email"), (3, "nickname"), (4, "$")], errors);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/api/leads/{factory.LeadIdFor(good)}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/leads/{factory.LeadIdFor("not-an-address")}")).StatusCode);
    }

    [Fact]
    public async Task Research_rows_are_SQLs_routed_to_a_rep()
    {
        var email = Api.Email();

        await CompletedAsync(await StartAsync("research", Ndjson(new { email, company = "Acme", country = "US", employees = 300 })));

        var lead = await LeadAsync(email);
        Assert.Equal(("SQL", "New"), (lead.GetProperty("stage").GetString(), lead.GetProperty("status").GetString()));
        Assert.StartsWith("rep-", lead.GetProperty("owner").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_import_is_a_current_customer_whose_later_pricing_form_never_lands_in_New()
    {
        var email = Api.Email();
        var csv = "email,firstName,company,rowKey\r\n" + email + ",Cy,\"Acme, Inc.\",crm-" + Guid.NewGuid().ToString("N") + "\r\n";

        var status = await CompletedAsync(await StartAsync("customers", csv, "text/csv"));
        var imported = await LeadAsync(email);
        var form = await _client.SubmitJsonAsync("pricing", new { email, company = "Acme", country = "US", employees = 300 });

        Assert.Equal((1, 1, 1, 0, 0), Counts(status));
        Assert.Equal(HttpStatusCode.Accepted, form.StatusCode);
        var lead = await LeadAsync(email);
        Assert.Equal(("Customer", "CurrentCustomer"), (lead.GetProperty("stage").GetString(), lead.GetProperty("status").GetString()));
        Assert.Equal("Acme, Inc.", imported.GetProperty("person").GetProperty("company").GetString());
        Assert.Equal(2, lead.GetProperty("history").GetArrayLength());
    }

    [Fact]
    public async Task A_manual_row_is_owned_by_its_rep_and_an_unknown_rep_is_a_row_error()
    {
        var (mine, stray) = (Api.Email(), Api.Email());
        var csv = $"email,owner\n{mine},rep-cat\n{stray},rep-nobody\n";

        var status = await CompletedAsync(await StartAsync("manual", csv, "text/csv"));

        Assert.Equal((2, 2, 1, 0, 0), Counts(status));
        var error = Assert.Single(status.GetProperty("errors").EnumerateArray());
        Assert.Equal((2, "owner"), (error.GetProperty("row").GetInt32(), error.GetProperty("field").GetString()));
        var lead = await LeadAsync(mine);
        Assert.Equal(("SQL", "rep-cat"), (lead.GetProperty("stage").GetString(), lead.GetProperty("owner").GetString()));
    }

    [Fact]
    public async Task A_later_list_of_another_source_updates_the_known_lead()
    {
        var email = Api.Email();
        await CompletedAsync(await StartAsync("purchased-list", Ndjson(new { email })));

        var status = await CompletedAsync(await StartAsync("research", Ndjson(new { email, jobTitle = "CTO" })));

        Assert.Equal((1, 1, 0, 1, 0), Counts(status));
        var lead = await LeadAsync(email);
        Assert.Equal(("SQL", "CTO"), (lead.GetProperty("stage").GetString(), lead.GetProperty("person").GetProperty("jobTitle").GetString()));
    }

    [Theory]
    [InlineData("catalogue", "application/x-ndjson", "{\"email\":\"a@acme.example\"}", HttpStatusCode.BadRequest)]
    [InlineData("research", "application/json", "{\"email\":\"a@acme.example\"}", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("research", "application/x-ndjson", "\n\n", HttpStatusCode.BadRequest)]
    [InlineData("research", "text/csv", "email,company\r\n", HttpStatusCode.BadRequest)]
    [InlineData("research", "text/csv", "email,nickname\r\na@acme.example,x\r\n", HttpStatusCode.BadRequest)]
    public async Task Refused_uploads_are_answered_with_problems(string source, string contentType, string body, HttpStatusCode expected)
    {
        var response = await PostAsync(source, body, contentType);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_source_is_answered_with_the_sources()
    {
        var problem = await (await PostAsync("catalogue", "{\"email\":\"a@acme.example\"}")).JsonAsync();

        Assert.Contains("purchased-list, research, customers, manual", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_rows_than_the_limit_are_413_with_the_limit()
    {
        var body = string.Concat(Enumerable.Repeat("{}\n", 20_001));

        var response = await PostAsync("research", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("20000", (await response.JsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_routes_are_keyed_and_an_unknown_import_is_404()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync("research", "{}", client: factory.Anonymous())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/imports/imp-0123456789abcdef0123456789abcdef")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/imports/not-an-id")).StatusCode);
    }
}
