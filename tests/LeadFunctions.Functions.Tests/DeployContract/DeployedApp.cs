using LeadFunctions.Functions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>The app's own registration fed exactly the app settings infra deploys, started as the host starts it.</summary>
public static class DeployedApp
{
    /// <summary>App settings become environment variables in Azure; the configuration reads "A__B" as "A:B".</summary>
    public static IConfiguration Configuration(IReadOnlyDictionary<string, string> settings)
        => new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value)))
            .Build();

    public static ServiceCollection Services(IReadOnlyDictionary<string, string> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton(Configuration(settings));
        services.AddLogging();

        // The Functions host registers its environment before the app's own registrations run; endpoints read it.
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = Environments.Production, ApplicationName = "LeadFunctions" });
        services.AddLeadFunctionsApp();
        return services;
    }

    /// <summary>Builds the container checking every registration, then runs every ValidateOnStart, as host start-up does.</summary>
    public static ServiceProvider Start(IReadOnlyDictionary<string, string> settings)
    {
        var provider = Services(settings).BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }
}
