using Azure.Storage.Queues;
using LeadFunctions.Engine.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage.Queues;

public static class QueueServiceCollectionExtensions
{
    /// <summary>
    /// The local transport: transition commands (publisher and consumer), lead events (publisher) and import chunks
    /// (publisher and consumer) on Azure Storage
    /// queues, using the LeadStorage connection (connection string, or QueueServiceUri with the managed identity).
    /// Call after AddLeadTableStorage.
    /// </summary>
    public static IServiceCollection AddStorageQueueTransitions(this IServiceCollection services)
    {
        services.AddOptions<TransitionQueueOptions>().BindConfiguration(TransitionQueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => CreateQueueService(sp.GetRequiredService<IOptions<LeadStorageOptions>>().Value));
        services.AddSingleton<TransitionQueues>();
        services.AddSingleton<ITransitionPublisher, StorageQueueTransitionPublisher>();
        services.AddSingleton<StorageQueueTransitionWorker>();
        services.AddOptions<LeadEventQueueOptions>().BindConfiguration(LeadEventQueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LeadEventQueues>();
        services.AddSingleton<ILeadEventPublisher, StorageQueueLeadEventPublisher>();
        services.AddOptions<ImportQueueOptions>().BindConfiguration(ImportQueueOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ImportQueues>();
        services.AddSingleton<IImportChunkPublisher, StorageQueueImportPublisher>();
        services.AddSingleton<StorageQueueImportWorker>();
        return services;
    }

    private static QueueServiceClient CreateQueueService(LeadStorageOptions options)
    {
        var clientOptions = new QueueClientOptions();
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return new QueueServiceClient(options.ConnectionString, clientOptions);
        }

        return options.QueueServiceUri is null
            ? throw new InvalidOperationException("Set LeadStorage:ConnectionString or LeadStorage:QueueServiceUri for the transition queue.")
            : new QueueServiceClient(options.QueueServiceUri, StorageServiceCollectionExtensions.Credential(options), clientOptions);
    }
}
