using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadFunctions.Http.OpenApi;
using LeadFunctions.TestSupport;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace LeadFunctions.Api.Tests;

/// <summary>
/// The OpenAPI document and the running host agree: the served document is the one the build generated, that is what
/// the endpoints describe now, it lists the same routes and methods, and real answers use documented status codes.
/// </summary>
public sealed class OpenApiContractTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        ["formId"] = "whitepaper",
        ["leadId"] = "ld-0000000000000000000000zz",
        ["sweep"] = "recycle-dark",
    };

    [Fact]
    public async Task The_served_document_is_the_one_the_build_generated()
    {
        var served = await (await factory.CreateClient().GetAsync("/api/openapi.json")).Content.ReadAsStringAsync();

        var generated = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "src", "LeadFunctions.LocalHost", "obj", "openapi", "openapi.json"));
        Assert.Equal(generated, served);
    }

    [Fact]
    public async Task The_served_document_is_what_the_endpoints_describe_now()
    {
        var served = await (await factory.CreateClient().GetAsync("/api/openapi.json")).Content.ReadAsStringAsync();

        var provider = factory.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(LeadOpenApi.DocumentName);
        var document = await provider.GetOpenApiDocumentAsync(CancellationToken.None);
        using var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        document.SerializeAsV31(new OpenApiJsonWriter(text));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text.ToString()), JsonNode.Parse(served)), "The served OpenAPI document differs from the endpoints' description: rebuild.");
    }

    [Fact]
    public async Task The_document_lists_exactly_the_routes_the_host_serves()
    {
        var documented = (await DocumentAsync()).Operations().Select(o => $"{o.Method} {o.Path}").ToHashSet();

        var served = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {e.RoutePattern.RawText}"))
            .ToHashSet();

        Assert.Equal(documented.Order(StringComparer.Ordinal), served.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Every_operation_answers_an_anonymous_empty_request_with_a_documented_status()
    {
        var client = factory.CreateClient();
        foreach (var operation in (await DocumentAsync()).Operations())
        {
            var response = await client.SendAsync(operation.Request(body: "{}"));

            Assert.True(operation.Documents((int)response.StatusCode), $"{operation.Method} {operation.Path} answered {(int)response.StatusCode}, not documented");
            Assert.True((int)response.StatusCode < 500, $"{operation.Method} {operation.Path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Keyed_operations_answer_with_documented_statuses_and_documented_fields()
    {
        var client = factory.Keyed();
        var document = await DocumentAsync();
        foreach (var operation in document.Operations().Where(o => o.Secured))
        {
            var response = await client.SendAsync(operation.Request(body: "{}"));

            Assert.True(operation.Documents((int)response.StatusCode), $"{operation.Method} {operation.Path} answered {(int)response.StatusCode}, not documented");
        }

        var submitted = await client.SubmitJsonAsync("pricing", new { email = Api.Email(), company = "Acme", employees = 300, country = "US", jobTitle = "Director" });
        var accepted = await submitted.JsonAsync();
        Assert.All(document.Required("SubmissionAccepted"), name => Assert.True(accepted.TryGetProperty(name, out _), name));
        var lead = await (await client.GetAsync($"/api/leads/{accepted.GetProperty("leadId").GetString()}")).JsonAsync();
        Assert.All(document.Required("Lead"), name => Assert.True(lead.TryGetProperty(name, out _), $"lead has no '{name}'"));
        Assert.All(lead.EnumerateObject(), p => Assert.Contains(p.Name, document.Properties("Lead")));
        Assert.All(lead.GetProperty("person").EnumerateObject(), p => Assert.Contains(p.Name, document.Properties("Person")));
        var page = await (await client.GetAsync("/api/leads?stage=SQL&pageSize=5")).JsonAsync();
        Assert.All(document.Required("LeadPage"), name => Assert.True(page.TryGetProperty(name, out _), $"page has no '{name}'"));
        Assert.All(page.EnumerateObject(), p => Assert.Contains(p.Name, document.Properties("LeadPage")));
        var playbook = await (await client.GetAsync("/api/playbook")).JsonAsync();
        Assert.All(document.Required("PlaybookVocabulary"), name => Assert.True(playbook.TryGetProperty(name, out _), $"playbook has no '{name}'"));
        Assert.All(playbook.EnumerateObject(), p => Assert.Contains(p.Name, document.Properties("PlaybookVocabulary")));
        var report = await (await client.GetAsync("/api/reports/velocity")).JsonAsync();
        Assert.All(report.EnumerateObject(), p => Assert.Contains(p.Name, document.Properties("VelocityReport")));
    }

    private async Task<OpenApiDocument> DocumentAsync()
    {
        var response = await factory.CreateClient().GetAsync("/api/openapi.json");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return new OpenApiDocument(await response.JsonAsync());
    }

    private sealed class OpenApiDocument(JsonElement root)
    {
        public IEnumerable<Operation> Operations()
        {
            foreach (var path in root.GetProperty("paths").EnumerateObject())
            {
                foreach (var method in path.Value.EnumerateObject())
                {
                    yield return new Operation(path.Name, method.Name.ToUpperInvariant(), method.Value);
                }
            }
        }

        public IEnumerable<string> Properties(string schema)
            => root.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("properties").EnumerateObject().Select(p => p.Name);

        public IEnumerable<string> Required(string schema)
            => root.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("required").EnumerateArray().Select(e => e.GetString()!);
    }

    private sealed record Operation(string Path, string Method, JsonElement Definition)
    {
        public bool Secured => Definition.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;

        public bool Documents(int status) => Definition.GetProperty("responses").TryGetProperty(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out _);

        public HttpRequestMessage Request(string body)
        {
            var url = Samples.Aggregate(Path, (path, sample) => path.Replace("{" + sample.Key + "}", sample.Value, StringComparison.Ordinal));
            var request = new HttpRequestMessage(new HttpMethod(Method), url);
            if (Method is "POST")
            {
                request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            }

            return request;
        }
    }
}
