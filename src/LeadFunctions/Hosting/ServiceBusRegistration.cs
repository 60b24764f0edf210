using Azure.Identity;
using Azure.Messaging.ServiceBus;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Functions.LeadEvents;
using LeadFunctions.Functions.LeadImports;
using LeadFunctions.Functions.Transitions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Functions.Hosting;

public static class ServiceBusRegistration
{
    /// <summary>
    /// One ServiceBusClient and its senders (transitions queue, lead-events topic, lead-imports queue) for the app's lifetime (they pool
    /// connections), authenticated with the managed identity from the same ServiceBusConnection__* settings the trigger uses.
    /// </summary>
    public static IServiceCollection AddServiceBusTransitions(this IServiceCollection services)
    {
        services.AddOptions<ServiceBusTransitionOptions>()
            .BindConfiguration(ServiceBusTransitionOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
            {
                var connection = configuration.GetSection("ServiceBusConnection");
                options.FullyQualifiedNamespace ??= connection["fullyQualifiedNamespace"];
                options.ClientId ??= connection["clientId"];
            })
            .Validate(o => !string.IsNullOrWhiteSpace(o.FullyQualifiedNamespace), "ServiceBusConnection__fullyQualifiedNamespace is required.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<ServiceBusTransitionOptions>>().Value;
            var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ClientId });
            return new ServiceBusClient(options.FullyQualifiedNamespace, credential);
        });
        services.AddSingleton(sp => sp.GetRequiredService<ServiceBusClient>()
            .CreateSender(sp.GetRequiredService<IOptions<ServiceBusTransitionOptions>>().Value.QueueName));
        services.AddSingleton<ITransitionPublisher, ServiceBusTransitionPublisher>();
        services.AddSingleton(sp => new LeadEventSender(sp.GetRequiredService<ServiceBusClient>().CreateSender(LeadEventTopic.Name)));
        services.AddSingleton<ILeadEventPublisher, ServiceBusLeadEventPublisher>();
        services.AddSingleton(sp => new ImportChunkSender(sp.GetRequiredService<ServiceBusClient>().CreateSender(ImportQueueName.Name)));
        services.AddSingleton<IImportChunkPublisher, ServiceBusImportChunkPublisher>();
        return services;
    }
}
