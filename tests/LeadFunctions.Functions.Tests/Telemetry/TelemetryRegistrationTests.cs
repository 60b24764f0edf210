using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Telemetry;
using LeadFunctions.Functions.Hosting;
using LeadFunctions.Functions.Tests.DeployContract;
using LeadFunctions.TestSupport;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LeadFunctions.Functions.Tests.Telemetry;

/// <summary>
/// The worker's telemetry registration as Azure starts it: OpenTelemetry with the engine's meter, exported to Azure
/// Monitor as the managed identity, in the shape docs/operations.md and the alert rules query. The exporter's HTTP
/// pipeline ends in <see cref="IngestionRecorder"/>, so nothing is sent over the network.
/// </summary>
[Collection(nameof(ProcessWideMeters))]
public sealed class TelemetryRegistrationTests
{
    /// <summary>
    /// One for the class: the exporter keeps its transmitter per connection string for the whole process, so a
    /// second container's transport would never be asked.
    /// </summary>
    private static readonly IngestionRecorder Ingestion = new();

    private readonly InfrastructureDeployment _deployment = InfrastructureDeployment.Evaluate();

    static TelemetryRegistrationTests()
    {
        // The exporter's own usage statistics would look the machine up on the Azure instance metadata endpoint.
        Environment.SetEnvironmentVariable("APPLICATIONINSIGHTS_STATSBEAT_DISABLED", "true");
    }

    [Fact]
    public async Task On_the_deployed_settings_the_engines_counters_reach_Azure_Monitor_as_customMetrics_with_their_tags()
    {
        TokenCredential? deployedCredential = null;
        var services = Services(DeployedApp.Configuration(_deployment.AppSettings));
        services.PostConfigureAll<AzureMonitorExporterOptions>(options =>
        {
            deployedCredential = options.Credential;
            options.Credential = new StaticTokenCredential();
            options.Transport = new HttpClientTransport(new HttpClient(Ingestion));

            // Both would open connections of their own: live metrics polls the service, offline storage writes to disk.
            options.EnableLiveMetrics = false;
            options.DisableOfflineStorage = true;
        });

        await using (var provider = services.BuildServiceProvider())
        {
            await RunAsHostAsync(provider, () => provider.GetRequiredService<LeadTelemetry>().Duplicate(TransitionType.ContactMade));
        }

        Assert.IsType<ManagedIdentityCredential>(deployedCredential);
        var request = Assert.Single(Ingestion.Requests.Select(r => (r.Uri.GetLeftPart(UriPartial.Authority), r.Authorization)).Distinct());
        Assert.Equal(("https://swedencentral-0.in.applicationinsights.azure.com", "Bearer " + StaticTokenCredential.Token), request);
        var duplicates = Ingestion.Envelopes("Metric")
            .Select(e => e["data"]!["baseData"]!)
            .Single(data => data["metrics"]![0]!["name"]!.GetValue<string>() == "leadfunctions.transitions.duplicates");
        Assert.Equal(1, duplicates["metrics"]![0]!["value"]!.GetValue<double>());
        Assert.Equal("ContactMade", duplicates["properties"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Information_logs_reach_Azure_Monitor_as_traces_with_their_category_and_fields()
    {
        var services = Services(DeployedApp.Configuration(_deployment.AppSettings));
        services.PostConfigureAll<AzureMonitorExporterOptions>(options =>
        {
            options.Credential = new StaticTokenCredential();
            options.Transport = new HttpClientTransport(new HttpClient(Ingestion));
            options.EnableLiveMetrics = false;
            options.DisableOfflineStorage = true;
        });

        await using (var provider = services.BuildServiceProvider())
        {
            await RunAsHostAsync(provider, () => provider.GetRequiredService<ILoggerFactory>().CreateLogger("LeadFunctions.Engine.Processing.LeadCommandProcessor")
                .LogInformation("{CommandType} for {LeadId}: {Outcome}", "ContactMade", "lead-1", "Applied"));
        }

        var message = Assert.Single(Ingestion.Envelopes("Message"), e => e["data"]!["baseData"]!["properties"]!["LeadId"]?.GetValue<string>() == "lead-1");
        var properties = message["data"]!["baseData"]!["properties"]!.AsObject();
        Assert.Equal("LeadFunctions.Engine.Processing.LeadCommandProcessor", properties["CategoryName"]!.GetValue<string>());
        Assert.Equal("ContactMade", properties["CommandType"]!.GetValue<string>());
        Assert.Equal("Applied", properties["Outcome"]!.GetValue<string>());
    }

    [Fact]
    public void No_Application_Insights_SDK_is_registered_or_shipped()
    {
        var services = Services(DeployedApp.Configuration(_deployment.AppSettings));

        Assert.DoesNotContain(services, d => d.ServiceType.Namespace?.StartsWith("Microsoft.ApplicationInsights", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(typeof(TelemetryRegistration).Assembly.GetReferencedAssemblies(), a => a.Name!.Contains("ApplicationInsights", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(AppContext.BaseDirectory, "Microsoft.ApplicationInsights*.dll"));
    }

    [Fact]
    public void The_host_exports_its_own_telemetry_and_leaves_the_workers_logs_to_the_worker()
    {
        // Without both halves every worker log would reach traces twice: once relayed by the host, once exported here.
        using var provider = Services(DeployedApp.Configuration(_deployment.AppSettings)).BuildServiceProvider();
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")))!;

        Assert.Equal("OpenTelemetry", hostJson["telemetryMode"]?.GetValue<string>());
        Assert.Null(hostJson["logging"]?["applicationInsights"]);
        Assert.Equal(bool.TrueString, provider.GetRequiredService<IOptions<WorkerOptions>>().Value.Capabilities["WorkerOpenTelemetryEnabled"]);
    }

    [Fact]
    public void The_engines_and_the_workers_activities_are_traced()
    {
        using var engine = new ActivitySource(LeadTelemetry.ActivitySourceName);
        using var worker = new ActivitySource("Microsoft.Azure.Functions.Worker");
        Assert.False(engine.HasListeners() || worker.HasListeners());

        using var provider = Services(DeployedApp.Configuration(_deployment.AppSettings)).BuildServiceProvider();
        Assert.NotNull(provider.GetService<TracerProvider>());

        Assert.True(engine.HasListeners());
        Assert.True(worker.HasListeners());
    }

    [Fact]
    public void The_exporter_authenticates_as_the_identity_infra_names()
    {
        var authentication = _deployment.AppSettings[AzureMonitorCredential.Setting];

        Assert.Equal(InfrastructureDeployment.IdentityClientId, AzureMonitorCredential.ClientId(authentication));
        Assert.IsType<ManagedIdentityCredential>(AzureMonitorCredential.From(authentication));
        Assert.Null(AzureMonitorCredential.ClientId("Authorization=AAD"));
        Assert.Null(AzureMonitorCredential.From(null));
        Assert.Throws<InvalidOperationException>(() => AzureMonitorCredential.ClientId("ClientId=abc;Authorization=Key"));
    }

    [Fact]
    public void Without_a_connection_string_no_Azure_Monitor_exporter_is_added_and_the_app_still_starts()
    {
        var services = Services(new ConfigurationBuilder().Build());

        Assert.DoesNotContain(services, d => d.ServiceType.Namespace?.StartsWith("Azure.Monitor", StringComparison.Ordinal) == true
            || d.ImplementationType?.Namespace?.StartsWith("Azure.Monitor", StringComparison.Ordinal) == true);
        using var provider = services.BuildServiceProvider();
        Assert.NotNull(provider.GetService<MeterProvider>());
    }

    [Fact]
    public void A_counter_reaches_an_exporter_through_the_shared_registration_with_its_name_and_tags_unchanged()
    {
        var exported = new List<Metric>();
        var services = Services(new ConfigurationBuilder().Build());
        services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(exported));

        using var provider = services.BuildServiceProvider();
        var meters = provider.GetRequiredService<MeterProvider>();
        provider.GetRequiredService<LeadTelemetry>().Duplicate(TransitionType.Qualified);
        Assert.True(meters.ForceFlush());

        var metric = Assert.Single(exported, m => m.Name == "leadfunctions.transitions.duplicates");
        Assert.Equal(LeadTelemetry.MeterName, metric.MeterName);
        var points = new List<(long Sum, Dictionary<string, object?> Tags)>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            var tags = new Dictionary<string, object?>();
            foreach (var tag in point.Tags)
            {
                tags[tag.Key] = tag.Value;
            }

            points.Add((point.GetSumLong(), tags));
        }

        var only = Assert.Single(points);
        Assert.Equal(1, only.Sum);
        Assert.Equal(new Dictionary<string, object?> { ["type"] = "Qualified" }, only.Tags);
    }

    /// <summary>
    /// Starts the hosted services as the worker's host does (the exporter wires its log and trace exporters in one),
    /// does the work, then stops them and lets disposal flush, as at shutdown.
    /// </summary>
    private static async Task RunAsHostAsync(IServiceProvider provider, Action work)
    {
        var hosted = provider.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        work();
        foreach (var service in Enumerable.Reverse(hosted))
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The engine's telemetry and the app's telemetry registration, as the worker's Program.cs composes them.</summary>
    private static ServiceCollection Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton<LeadTelemetry>();
        services.AddLeadTelemetry(configuration);
        return services;
    }
}
