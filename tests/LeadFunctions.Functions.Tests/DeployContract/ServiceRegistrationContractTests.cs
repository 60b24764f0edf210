using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Functions.Hosting;
using LeadFunctions.Functions.Tests.Support;
using LeadFunctions.Functions.Transitions;
using Microsoft.Extensions.DependencyInjection;

namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>The app as Azure starts it from infra's settings: every registration builds, every ValidateOnStart passes.</summary>
public sealed class ServiceRegistrationContractTests
{
    private readonly InfrastructureDeployment _deployment = InfrastructureDeployment.Evaluate();

    [Fact]
    public async Task The_app_starts_on_the_settings_infra_deploys()
    {
        // Async disposal: the Service Bus sender and client only implement IAsyncDisposable.
        await using var provider = DeployedApp.Start(_deployment.AppSettings);

        Assert.NotNull(provider.GetRequiredService<Playbook>());
        Assert.IsType<ServiceBusTransitionPublisher>(provider.GetRequiredService<ITransitionPublisher>());
    }

    [Fact]
    public void Without_a_playbook_path_the_built_in_playbook_runs()
    {
        using var provider = DeployedApp.Start(_deployment.AppSettings);

        Assert.False(_deployment.AppSettings.ContainsKey("Playbook__Path"));
        Assert.Equal(PlaybookJson.Default().Name, provider.GetRequiredService<Playbook>().Name);
    }

    [Fact]
    public async Task Every_function_class_in_the_metadata_activates_from_the_container()
    {
        await using var provider = DeployedApp.Start(_deployment.AppSettings);
        await using var scope = provider.CreateAsyncScope();
        var assembly = typeof(FunctionsAppRegistration).Assembly;
        var classes = FunctionsMetadata.Triggers
            .Select(t => t.EntryPoint[..t.EntryPoint.LastIndexOf('.')])
            .Distinct(StringComparer.Ordinal)
            .Select(name => assembly.GetType(name, throwOnError: true)!)
            .ToList();
        var instances = classes.Where(type => !(type.IsAbstract && type.IsSealed)).ToList();

        Assert.NotEmpty(instances);
        Assert.All(instances, type => Assert.IsType(type, ActivatorUtilities.CreateInstance(scope.ServiceProvider, type)));
    }
}
