using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Reports;
using LeadFunctions.Engine.Sweeps;
using LeadFunctions.Engine.Views;
using LeadFunctions.Storage.Due;
using LeadFunctions.Storage.LeadImports;
using LeadFunctions.Storage.Leads;
using LeadFunctions.Storage.Outbox;
using LeadFunctions.Storage.Reports;
using LeadFunctions.Storage.Routing;
using LeadFunctions.Storage.Sweeps;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>Leads, audit, due index and lead-event outbox in Azure Table Storage (Azurite locally).</summary>
    public static IServiceCollection AddLeadTableStorage(this IServiceCollection services)
    {
        services.AddOptions<LeadStorageOptions>().BindConfiguration(LeadStorageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => CreateTableService(sp.GetRequiredService<IOptions<LeadStorageOptions>>().Value));
        services.AddSingleton<TableProvisioner>();
        services.AddSingleton<ILeadStore, TableLeadStore>();
        services.AddSingleton<IDueIndex, TableDueIndex>();
        services.AddSingleton<ILeadEventOutbox, TableLeadEventOutbox>();
        services.AddSingleton<ILeadQueries, TableLeadQueries>();
        services.AddSingleton<IRepRoster, TableRepRoster>();
        services.AddSingleton<IVelocitySnapshots, TableVelocitySnapshots>();
        services.AddSingleton<ISweepRuns, TableSweepRuns>();
        services.AddSingleton<IImportStore, TableImportStore>();
        return services;
    }

    internal static TokenCredential Credential(LeadStorageOptions options)
        => new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = options.ClientId });

    private static TableServiceClient CreateTableService(LeadStorageOptions options)
    {
        var clientOptions = new TableClientOptions();

        // Fail fast when storage is down: callers answer 503 and the client retries, rather than holding requests for a minute.
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        return string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new TableServiceClient(options.TableServiceUri, Credential(options), clientOptions)
            : new TableServiceClient(options.ConnectionString, clientOptions);
    }
}
