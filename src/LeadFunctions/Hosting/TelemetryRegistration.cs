using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Functions.Hosting;

public static class TelemetryRegistration
{
    private const string ApplicationInsightsLoggerProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>Application Insights for the worker, with Information logs (lead ids only) and the engine's meter.</summary>
    public static FunctionsApplicationBuilder AddLeadTelemetry(this FunctionsApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services
            .AddApplicationInsightsTelemetryWorkerService()
            .ConfigureFunctionsApplicationInsights();

        // The SDK adds a rule that keeps only Warning and above; ops need the Information events too.
        builder.Logging.Services.Configure<LoggerFilterOptions>(options =>
        {
            var warningOnly = options.Rules.FirstOrDefault(rule => rule.ProviderName == ApplicationInsightsLoggerProvider);
            if (warningOnly is not null)
            {
                options.Rules.Remove(warningOnly);
            }
        });

        // The engine's counters (captures, transitions, sweeps, SLA breaches) become customMetrics rows the alerts query.
        builder.Services.AddHostedService<MeterForwarder>();
        return builder;
    }
}
