using Azure.Monitor.OpenTelemetry.Exporter;
using LeadFunctions.Engine.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace LeadFunctions.Functions.Hosting;

public static class TelemetryRegistration
{
    /// <summary>Fallback service.name; in Azure the worker's resource detector names the service after the site.</summary>
    public const string ServiceName = "LeadFunctions";

    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static FunctionsApplicationBuilder AddLeadTelemetry(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddLeadTelemetry(builder.Configuration);
        return builder;
    }

    /// <summary>
    /// OpenTelemetry for the worker: the engine's meter and activity source (shared with the local host), the worker's
    /// own invocation activities and logs, all exported to Azure Monitor with Entra ID auth. Metrics land in
    /// customMetrics (name = instrument name, customDimensions = tags), logs in traces, as docs/operations.md queries.
    /// </summary>
    public static IServiceCollection AddLeadTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var telemetry = services.AddLeadOpenTelemetry(ServiceName).UseFunctionsWorkerDefaults();

        // `func start` without Application Insights has no connection string; the exporter would refuse to start.
        var connectionString = configuration[ConnectionStringSetting];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return services;
        }

        var credential = AzureMonitorCredential.From(configuration[AzureMonitorCredential.Setting]);
        telemetry.UseAzureMonitorExporter(options =>
        {
            options.ConnectionString = connectionString;
            options.Credential = credential;

            // Lead volume is small and ops count log events (docs/operations.md): keep every trace and its logs.
            options.SamplingRatio = 1.0F;
            options.TracesPerSecond = null;
        });
        return services;
    }
}
