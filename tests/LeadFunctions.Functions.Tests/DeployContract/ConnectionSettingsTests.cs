using System.Text.RegularExpressions;

namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>What the Functions host resolves from app settings before the app runs: binding expressions and connections.</summary>
public sealed partial class ConnectionSettingsTests
{
    private readonly InfrastructureDeployment _deployment = InfrastructureDeployment.Evaluate();

    [Fact]
    public void Infra_writes_each_app_setting_once()
        => Assert.Equal(_deployment.SettingNames.Distinct(StringComparer.OrdinalIgnoreCase), _deployment.SettingNames);

    [Fact]
    public void Every_percent_expression_in_the_function_metadata_resolves_from_the_app_settings()
    {
        var expressions = MetadataBindings.Strings
            .SelectMany(s => PercentExpression().Matches(s.Value).Select(m => (s.Function, Setting: m.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal))))
            .ToList();

        Assert.NotEmpty(expressions);
        Assert.All(expressions, e => Assert.False(
            string.IsNullOrWhiteSpace(_deployment.AppSettings.GetValueOrDefault(e.Setting)),
            $"{e.Function} needs app setting {e.Setting}, which infra does not set."));
    }

    [Fact]
    public void Every_binding_connection_resolves_as_the_managed_identity()
    {
        var connections = MetadataBindings.Strings.Where(s => s.Property == "connection").Select(s => s.Value).Distinct().ToList();

        Assert.Contains("ServiceBusConnection", connections);
        Assert.All(connections, connection =>
        {
            Assert.False(_deployment.AppSettings.ContainsKey(connection), $"{connection} must not be a connection string.");
            Assert.EndsWith(".servicebus.windows.net", _deployment.AppSettings.GetValueOrDefault($"{connection}__fullyQualifiedNamespace") ?? string.Empty, StringComparison.Ordinal);
            Assert.Equal("managedidentity", _deployment.AppSettings.GetValueOrDefault($"{connection}__credential"));
            Assert.Equal(InfrastructureDeployment.IdentityClientId, _deployment.AppSettings.GetValueOrDefault($"{connection}__clientId"));
        });
    }

    [Fact]
    public void Host_storage_is_reached_with_the_managed_identity()
    {
        var settings = _deployment.AppSettings;

        Assert.False(settings.ContainsKey("AzureWebJobsStorage"), "AzureWebJobsStorage must not be a connection string.");
        Assert.True(
            !string.IsNullOrWhiteSpace(settings.GetValueOrDefault("AzureWebJobsStorage__accountName"))
            || !string.IsNullOrWhiteSpace(settings.GetValueOrDefault("AzureWebJobsStorage__blobServiceUri")),
            "AzureWebJobsStorage needs __accountName or the service URIs.");
        Assert.Equal("managedidentity", settings.GetValueOrDefault("AzureWebJobsStorage__credential"));
        Assert.Equal(InfrastructureDeployment.IdentityClientId, settings.GetValueOrDefault("AzureWebJobsStorage__clientId"));
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex PercentExpression();
}
