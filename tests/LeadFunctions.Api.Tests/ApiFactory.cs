using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using LeadFunctions.Engine.Identity;
using LeadFunctions.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadFunctions.Api.Tests;

/// <summary>The local host on fresh tables and queues in the shared Azurite; the Azurite launcher and the sweep timers are off.</summary>
public class ApiFactory : WebApplicationFactory<Program>
{
    public const string ApiKey = "test-api-key-0123456789";
    public const string AllowedOrigin = "https://www.example.com";

    private readonly string _environment;
    private readonly Dictionary<string, string?> _settings;

    public ApiFactory()
        : this("Development", AzuriteServer.Shared.ConnectionString)
    {
    }

    protected ApiFactory(string environment, string connectionString, bool runWorker = true)
    {
        _environment = environment;
        QueueName = UniqueNames.Queue("transitions");
        LeadEventsQueueName = UniqueNames.Queue("events");
        LeadsTable = UniqueNames.Table("Leads");
        ConnectionString = connectionString;
        _settings = new Dictionary<string, string?>
        {
            ["LeadStorage:ConnectionString"] = connectionString,
            ["LeadStorage:LeadsTable"] = LeadsTable,
            ["Transitions:QueueName"] = QueueName,
            ["LeadEvents:QueueName"] = LeadEventsQueueName,
            ["Imports:QueueName"] = UniqueNames.Queue("imports"),
            ["Imports:PollInterval"] = "00:00:00.100",
            ["Transitions:PollInterval"] = "00:00:00.100",
            ["Transitions:InitialBackoff"] = "00:00:00.200",
            ["Transitions:MaxAttempts"] = "3",
            ["LeadIdentity:Key"] = "api-test-key-api-test-key-api-test-key-01",
            ["Api:Key"] = ApiKey,
            ["Intake:AllowedOrigins:0"] = AllowedOrigin,

            // Every TestServer request comes from the same (unknown) client; the limiter has its own tests.
            ["Intake:RateLimit:PermitLimit"] = "100000",
            ["LocalHost:StartAzurite"] = "false",
            ["LocalHost:RunSweeps"] = "false",
            ["LocalHost:RunTransitionWorker"] = runWorker ? "true" : "false",
        };
    }

    public string QueueName { get; }

    public string LeadsTable { get; }

    /// <summary>The local stand-in for the lead-events topic.</summary>
    public string LeadEventsQueueName { get; }

    public QueueClient LeadEventsQueue => new(ConnectionString, LeadEventsQueueName);

    public string ConnectionString { get; }

    public QueueClient Queue => new(ConnectionString, QueueName);

    public QueueClient PoisonQueue => new(ConnectionString, QueueName + "-poison");

    public string LeadIdFor(string email) => Services.GetRequiredService<LeadIdentity>().LeadIdFor(email);

    public HttpClient Keyed()
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        return client;
    }

    public HttpClient Anonymous() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = ClientOptions.BaseAddress });

    protected IDictionary<string, string?> Settings => _settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
    }
}

/// <summary>The same host in Production: no time travel for sweeps.</summary>
public sealed class ProductionApiFactory : ApiFactory
{
    public ProductionApiFactory()
        : base("Production", AzuriteServer.Shared.ConnectionString)
    {
    }
}

/// <summary>Storage that does not answer: a closed port on loopback.</summary>
public sealed class UnreachableStorageFactory : ApiFactory
{
    public UnreachableStorageFactory()
        : base("Development", ClosedPortConnectionString(), runWorker: false)
    {
    }

    private static string ClosedPortConnectionString()
    {
        var port = AzuriteServer.FreePort();
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;";
    }
}

/// <summary>Queues answer but tables do not: every delivery fails transiently, so messages exhaust their attempts.</summary>
public sealed class TablesDownFactory : ApiFactory
{
    public TablesDownFactory()
        : base("Development", TablesOnClosedPort())
    {
    }

    private static string TablesOnClosedPort()
    {
        var azurite = AzuriteServer.Shared;
        return "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"QueueEndpoint=http://127.0.0.1:{azurite.QueuePort}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{AzuriteServer.FreePort()}/devstoreaccount1;";
    }
}

internal static class Api
{
    private static int _sequence;

    public static string Email() => $"person{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid():N}@example.com";

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> SubmitJsonAsync(this HttpClient client, string formId, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/forms/{formId}/submissions") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request);
    }

    public static async Task<string> NewLeadAsync(this HttpClient client, string? email = null, string formId = "contact-us")
    {
        var response = await client.SubmitJsonAsync(formId, new { email = email ?? Email(), firstName = "Ada", company = "Acme", country = "FR" });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("leadId").GetString()!;
    }

    /// <summary>Polls the lead until <paramref name="done"/> holds; bounded so a broken pipeline fails instead of hanging.</summary>
    public static async Task<JsonElement> WaitForLeadAsync(this HttpClient client, string leadId, Func<JsonElement, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var response = await client.GetAsync($"/api/leads/{leadId}", timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                var lead = await response.JsonAsync();
                if (done(lead))
                {
                    return lead;
                }
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    public static object Event(string type, string? eventId = null, DateTimeOffset? occurredAt = null, string actor = "rep-1")
        => new { eventId = eventId ?? Guid.NewGuid().ToString("N"), type, occurredAt = occurredAt ?? DateTimeOffset.UtcNow.AddMinutes(-1), actor };

    /// <summary>An event that names the lead's owner in its data, as a CRM does when it says who works the lead.</summary>
    public static object OwnedEvent(string type, string owner, string? reason = null, string actor = "rep-1")
        => new { eventId = Guid.NewGuid().ToString("N"), type, occurredAt = DateTimeOffset.UtcNow.AddMinutes(-1), actor, reason, owner };
}
