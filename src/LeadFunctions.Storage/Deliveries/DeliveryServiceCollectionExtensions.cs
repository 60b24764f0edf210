using LeadFunctions.Engine.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace LeadFunctions.Storage.Deliveries;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Webhook delivery with its open deliveries in Table Storage (the LeadStorage account). Call after AddLeadTableStorage.</summary>
    public static IServiceCollection AddTableWebhookDeliveries(this IServiceCollection services)
    {
        services.AddOptions<DeliveryTableOptions>().BindConfiguration(DeliveryTableOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DeliveryTables>();
        services.AddSingleton<IWebhookDeliveryStore, TableWebhookDeliveryStore>();
        services.AddLeadWebhooks();
        return services;
    }

    /// <summary>
    /// The local consumer of the lead-events storage queue, handing each event to the webhook handler. Uses the queue
    /// client AddStorageQueueTransitions registers, so call after it.
    /// </summary>
    public static IServiceCollection AddStorageQueueLeadEventConsumer(this IServiceCollection services)
    {
        // The queue and its options are registered by AddStorageQueueTransitions, with the relay that writes the queue.
        services.AddSingleton<StorageQueueLeadEventWorker>();
        return services;
    }
}
