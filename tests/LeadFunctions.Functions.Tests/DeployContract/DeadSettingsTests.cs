namespace LeadFunctions.Functions.Tests.DeployContract;

/// <summary>Every app setting infra writes has a reader: a setting nobody reads is a misleading knob or a stale grant's excuse.</summary>
public sealed class DeadSettingsTests
{
    [Fact]
    public void Every_setting_infra_sets_is_read_by_the_app_or_the_host()
    {
        var deployment = InfrastructureDeployment.Evaluate(new Dictionary<string, object> { ["allowedOrigins"] = new[] { "https://www.example.com" } });
        var services = DeployedApp.Services(deployment.AppSettings);

        var unread = deployment.SettingNames.Where(name => SettingReaders.Reader(name, services) is null).ToList();

        Assert.True(unread.Count == 0, "Nothing in the app or the Functions host reads: " + string.Join(", ", unread));
    }

    [Theory]
    [InlineData("LeadStorage__TableServiceUri", "app: LeadStorageOptions")]
    [InlineData("Sweeps__FlagSlaBreaches__Schedule", "app: SweepOptions")]
    [InlineData("Intake__AllowedOrigins__0", "app: IntakeOptions")]
    [InlineData("ServiceBusConnection__credential", "host: the ServiceBusConnection connection of function ApplyImportChunk")]
    [InlineData("LeadStorage__QueueServiceUri", null)]
    [InlineData("LeadStorage__TableServiceUriX", null)]
    [InlineData("Intake__AllowedOrigins__first", null)]
    public void The_reader_check_tells_read_settings_from_dead_ones(string setting, string? reader)
        => Assert.Equal(reader, SettingReaders.Reader(setting, DeployedApp.Services(new Dictionary<string, string>())));
}
