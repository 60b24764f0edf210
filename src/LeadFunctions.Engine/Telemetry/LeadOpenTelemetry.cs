using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace LeadFunctions.Engine.Telemetry;

/// <summary>
/// What both hosts export, registered once so they cannot drift: the engine's meter and activity source under a
/// service.name. Each host adds only its exporter (Azure Monitor in Azure; console or OTLP locally).
/// </summary>
public static class LeadOpenTelemetry
{
    public static OpenTelemetryBuilder AddLeadOpenTelemetry(this IServiceCollection services, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);

        // Without a service.name exported telemetry says unknown_service; a host's own resource detector may refine it.
        return services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics.AddMeter(LeadTelemetry.MeterName))
            .WithTracing(tracing => tracing.AddSource(LeadTelemetry.ActivitySourceName));
    }
}
