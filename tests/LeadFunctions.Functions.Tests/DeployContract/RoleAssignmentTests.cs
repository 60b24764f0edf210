using LeadFunctions.Engine.Ports;
using LeadFunctions.Functions.Transitions;

namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>The roles infra grants the app's identity are exactly those its operations need: no missing grant, no spare one.</summary>
public sealed class RoleAssignmentTests
{
    // Built-in role definition ids, identical in every Azure cloud.
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string ServiceBusDataSender = "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39";
    private const string ServiceBusDataReceiver = "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";

    private static readonly Dictionary<string, string> RoleNames = new(StringComparer.OrdinalIgnoreCase)
    {
        [StorageTableDataContributor] = "Storage Table Data Contributor",
        [StorageQueueDataContributor] = "Storage Queue Data Contributor",
        [StorageBlobDataOwner] = "Storage Blob Data Owner",
        [ServiceBusDataSender] = "Azure Service Bus Data Sender",
        [ServiceBusDataReceiver] = "Azure Service Bus Data Receiver",
        [MonitoringMetricsPublisher] = "Monitoring Metrics Publisher",
        [KeyVaultSecretsUser] = "Key Vault Secrets User",
    };

    // Triggers whose host extensions keep state in storage queues (none of which this app uses today).
    private static readonly string[] QueueBackedTriggers = ["queueTrigger", "blobTrigger", "orchestrationTrigger", "activityTrigger", "entityTrigger"];

    [Fact]
    public void The_app_identity_is_granted_exactly_the_roles_its_operations_need()
    {
        var deployment = InfrastructureDeployment.Evaluate();
        var settings = deployment.AppSettings;
        var services = DeployedApp.Services(settings);
        var triggers = MetadataBindings.All.Select(b => b.Binding.GetProperty("type").GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var required = new Dictionary<string, bool>
        {
            [StorageTableDataContributor] = SettingReaders.Reader("LeadStorage__TableServiceUri", services) is not null && settings.ContainsKey("LeadStorage__TableServiceUri"),
            [StorageQueueDataContributor] = (settings.ContainsKey("LeadStorage__QueueServiceUri") && SettingReaders.Reader("LeadStorage__QueueServiceUri", services) is not null)
                || QueueBackedTriggers.Any(triggers.Contains),
            [StorageBlobDataOwner] = settings.GetValueOrDefault("AzureWebJobsStorage__credential") == "managedidentity"
                || ArmEvaluator.Text(deployment.DeploymentStorage["authentication"]?["type"]) == "UserAssignedIdentity",
            [ServiceBusDataReceiver] = triggers.Contains("serviceBusTrigger"),
            [ServiceBusDataSender] = services.Any(d => d.ServiceType == typeof(ITransitionPublisher) && d.ImplementationType == typeof(ServiceBusTransitionPublisher)),
            [MonitoringMetricsPublisher] = settings.GetValueOrDefault("APPLICATIONINSIGHTS_AUTHENTICATION_STRING")?.Contains("Authorization=AAD", StringComparison.Ordinal) == true,
            [KeyVaultSecretsUser] = deployment.KeyVaultReferences.Count > 0,
        };

        var needed = required.Where(r => r.Value).Select(r => RoleNames[r.Key]).Order(StringComparer.Ordinal);
        var granted = deployment.IdentityRoleIds.Select(id => RoleNames.GetValueOrDefault(id, id)).Order(StringComparer.Ordinal);
        Assert.Equal(needed, granted);
    }
}
