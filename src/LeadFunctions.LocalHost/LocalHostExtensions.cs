using LeadFunctions.Storage.Deliveries;
using Microsoft.Extensions.FileProviders;

namespace LeadFunctions.LocalHost;

internal static class LocalHostExtensions
{
    public static IServiceCollection AddLocalAzurite(this IServiceCollection services)
    {
        services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.Section);
        services.AddHostedService<AzuriteLauncher>();

        // Room for Kestrel to finish the requests in flight and for Azurite to save before the host gives up on them.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(45));
        return services;
    }

    public static IServiceCollection AddLocalSweepScheduler(this IServiceCollection services)
    {
        services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.Section);
        services.AddHostedService<SweepScheduler>();
        services.AddHostedService<VelocityScheduler>();
        return services;
    }

    public static IServiceCollection AddLocalTransitionWorker(this IServiceCollection services)
    {
        services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.Section);
        services.AddHostedService<TransitionWorkerService>();
        return services;
    }

    /// <summary>The import queue's consumer, and a progress line every few seconds for each import it works on.</summary>
    public static IServiceCollection AddLocalImportWorker(this IServiceCollection services)
    {
        services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.Section);
        services.AddHostedService<ImportWorkerService>();
        services.AddHostedService<ImportProgressReporter>();
        return services;
    }

    public static IServiceCollection AddLocalLeadEventRelay(this IServiceCollection services)
    {
        services.AddOptions<LocalHostOptions>().BindConfiguration(LocalHostOptions.Section);
        services.AddHostedService<LeadEventRelayService>();
        return services;
    }

    /// <summary>Webhook delivery: the lead-events queue consumer and the retry pass, when LeadEvents:Webhooks names a subscriber.</summary>
    public static IServiceCollection AddLocalWebhookDelivery(this IServiceCollection services)
    {
        services.AddTableWebhookDeliveries();
        services.AddStorageQueueLeadEventConsumer();
        services.AddHostedService<WebhookDeliveryService>();
        return services;
    }

    /// <summary>Serves samples/website-form at / when that folder exists, so the sample form posts to this same origin.</summary>
    public static WebApplication UseLocalWebsiteSamples(this WebApplication app)
    {
        var root = RepositoryFolders.Root(app.Environment.ContentRootPath);
        var samples = root is null ? null : Path.Combine(root, "samples", "website-form");
        if (samples is not null && Directory.Exists(samples))
        {
            var files = new PhysicalFileProvider(samples);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        return app;
    }
}
