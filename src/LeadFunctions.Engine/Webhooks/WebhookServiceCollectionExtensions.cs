using LeadFunctions.Engine.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Webhooks;

public static class WebhookServiceCollectionExtensions
{
    /// <summary>Webhook delivery: subscribers from LeadEvents, validated at start. Hosts add the delivery store and the transports.</summary>
    public static IServiceCollection AddLeadWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        // Deliveries are counted on the engine's meter; a host that adds webhooks without the engine still gets it.
        services.AddMetrics();
        services.TryAddSingleton<LeadTelemetry>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookCircuit>();
        services.AddSingleton<WebhookRetrySchedule>();
        services.AddSingleton<WebhookDeliveryHandler>();
        services.AddSingleton<WebhookRetryPass>();
        services.AddSingleton<WebhookDeliveriesAdmin>();
        return services;
    }
}
