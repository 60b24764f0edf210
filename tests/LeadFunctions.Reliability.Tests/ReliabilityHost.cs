using System.Net;
using Azure;
using Azure.Data.Tables;
using LeadFunctions.Engine.Identity;
using LeadFunctions.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Reliability.Tests;

/// <summary>
/// The local host in-process on its own tables and queue in the shared Azurite; Azurite launcher, sweep timers and
/// (unless asked) the queue worker off. A test header sets the TCP peer address, which TestServer leaves empty.
/// </summary>
public sealed class ReliabilityHost : WebApplicationFactory<Program>
{
    public const string ApiKey = "reliability-api-key-0123456789";
    public const string PeerHeader = "X-Test-Peer";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly CapturingLoggerProvider? _logs;

    public ReliabilityHost(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, CapturingLoggerProvider? logs = null, bool runWorker = false)
    {
        _services = services;
        _logs = logs;
        ConnectionString = AzuriteServer.Shared.ConnectionString;
        LeadsTable = UniqueNames.Table("RelLeads");
        DueTable = UniqueNames.Table("RelDue");
        QueueName = UniqueNames.Queue("rel");
        _settings = new Dictionary<string, string?>
        {
            ["LeadStorage:ConnectionString"] = ConnectionString,
            ["LeadStorage:LeadsTable"] = LeadsTable,
            ["LeadStorage:DueTable"] = DueTable,
            ["Transitions:QueueName"] = QueueName,
            ["Transitions:PollInterval"] = "00:00:00.100",
            ["Transitions:InitialBackoff"] = "00:00:00.200",
            ["Transitions:MaxAttempts"] = "3",
            ["LeadIdentity:Key"] = "reliability-key-reliability-key-reliability-01",
            ["Api:Key"] = ApiKey,
            ["Intake:AllowedOrigins:0"] = "https://www.example.com",
            ["LocalHost:StartAzurite"] = "false",
            ["LocalHost:RunSweeps"] = "false",
            ["LocalHost:RunTransitionWorker"] = runWorker ? "true" : "false",
        };
        if (logs is not null)
        {
            foreach (var category in new[] { "Default", "Microsoft", "Microsoft.AspNetCore", "Microsoft.Hosting.Lifetime", "System", "Azure" })
            {
                _settings[$"Logging:LogLevel:{category}"] = "Trace";
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string ConnectionString { get; }

    public string LeadsTable { get; }

    public string DueTable { get; }

    public string QueueName { get; }

    public string LeadIdFor(string email) => Services.GetRequiredService<LeadIdentity>().LeadIdFor(email);

    public HttpClient Anonymous(string? peer = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (peer is not null)
        {
            client.DefaultRequestHeaders.Add(PeerHeader, peer);
        }

        return client;
    }

    public HttpClient Keyed()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("x-functions-key", ApiKey);
        return client;
    }

    /// <summary>Every row in this host's two tables (0 when a table was never created).</summary>
    public async Task<int> CountRowsAsync()
    {
        var service = new TableServiceClient(ConnectionString);
        var total = 0;
        foreach (var table in new[] { LeadsTable, DueTable })
        {
            try
            {
                await foreach (var _ in service.GetTableClient(table).QueryAsync<TableEntity>(select: ["PartitionKey"]))
                {
                    total++;
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // Never created: nothing stored.
            }
        }

        return total;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging =>
        {
            // No console: thousands of lines would slow the storms down. The privacy test brings its own recorder.
            logging.ClearProviders();
            if (_logs is not null)
            {
                logging.SetMinimumLevel(LogLevel.Trace).AddFilter(_ => true).AddProvider(_logs);
            }
        });

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, TestPeerStartupFilter>();
            _services?.Invoke(services);
        });
    }

    /// <summary>Sets Connection.RemoteIpAddress from <see cref="PeerHeader"/>, as Kestrel would from the socket.</summary>
    private sealed class TestPeerStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer) && IPAddress.TryParse(peer.ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
