using LeadFunctions.Engine;
using LeadFunctions.Http;
using LeadFunctions.Http.RateLimiting;
using LeadFunctions.Storage;
using LeadFunctions.Storage.Deliveries;
using Microsoft.Extensions.DependencyInjection;

namespace LeadFunctions.Functions.Hosting;

public static class FunctionsAppRegistration
{
    /// <summary>
    /// Everything the triggers depend on, apart from the Functions host itself and telemetry: the engine, Table
    /// Storage, the shared HTTP endpoint logic and the Service Bus transport. One method, so the deploy-contract test
    /// builds exactly what Azure builds from the infrastructure's app settings.
    /// </summary>
    public static IServiceCollection AddLeadFunctionsApp(this IServiceCollection services)
    {
        services.AddLeadEngine();
        services.AddLeadTableStorage();
        services.AddLeadHttp();
        services.AddServiceBusTransitions();
        services.AddTableWebhookDeliveries();

        // Behind the App Service front end the peer is the platform, and the first X-Forwarded-For hop is whatever
        // the client wrote; the front end's own Client-IP header is the address it vouches for.
        services.PostConfigure<IntakeRateLimitOptions>(options =>
        {
            if (options.ClientAddress == ClientAddressSource.Auto)
            {
                options.ClientAddress = ClientAddressSource.AppServiceClientIp;
            }
        });
        return services;
    }
}
