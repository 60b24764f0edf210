using System.ComponentModel.DataAnnotations;
using LeadFunctions.Engine.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace LeadFunctions.LocalHost;

public enum TelemetryExporter
{
    None,
    Console,
    Otlp,
}

public sealed class LocalTelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// Where the engine's metrics and traces go locally: nowhere unless asked, since console metric blocks every minute
    /// would bury the logs. Console prints metrics; OTLP reads the standard OTEL_EXPORTER_OTLP_* variables.
    /// </summary>
    public TelemetryExporter Exporter { get; set; } = TelemetryExporter.None;

    [Range(1, 3600)]
    public int MetricExportIntervalSeconds { get; set; } = 60;
}

public static class LocalTelemetry
{
    /// <summary>The service.name resource attribute, so exported metrics and traces do not say unknown_service.</summary>
    public const string ServiceName = "LeadFunctions.LocalHost";

    /// <summary>
    /// The same meter and activity source the Functions app exports to Azure Monitor (one registration,
    /// <see cref="LeadOpenTelemetry"/>), exported here to the console or an OTLP collector, so the counters ops alert
    /// on can be watched while developing.
    /// </summary>
    public static WebApplicationBuilder AddLocalTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<LocalTelemetryOptions>().BindConfiguration(LocalTelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var options = builder.Configuration.GetSection(LocalTelemetryOptions.Section).Get<LocalTelemetryOptions>() ?? new LocalTelemetryOptions();
        if (options.Exporter == TelemetryExporter.None)
        {
            return builder;
        }

        builder.Services.AddLeadOpenTelemetry(ServiceName)
            .WithMetrics(metrics =>
            {
                var interval = options.MetricExportIntervalSeconds * 1000;
                if (options.Exporter == TelemetryExporter.Otlp)
                {
                    metrics.AddOtlpExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval);
                }
                else
                {
                    metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = interval);
                }
            })
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation();

                // Traces only to a collector: on the console they would drown the structured logs.
                if (options.Exporter == TelemetryExporter.Otlp)
                {
                    tracing.AddOtlpExporter();
                }
            });
        return builder;
    }
}
