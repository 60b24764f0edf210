using System.Text.Json;
using LeadFunctions.Engine.Transitions;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Functions.Tests.Metadata;

/// <summary>
/// host.json's Service Bus session settings are set explicitly (docs/operations.md gives the reason for each) and
/// agree with the app: the outage budget a message may be held for fits inside the session lock's renewal.
/// </summary>
public sealed class HostJsonTests
{
    private static readonly JsonElement ServiceBus = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "host.json")))
        .RootElement.GetProperty("extensions").GetProperty("serviceBus").Clone();

    [Theory]
    [InlineData("prefetchCount")]
    [InlineData("maxConcurrentSessions")]
    [InlineData("maxConcurrentCallsPerSession")]
    [InlineData("sessionIdleTimeout")]
    [InlineData("maxAutoLockRenewalDuration")]
    [InlineData("autoCompleteMessages")]
    public void Session_setting_is_explicit(string setting) => Assert.True(ServiceBus.TryGetProperty(setting, out _), $"host.json sets no {setting}");

    [Fact]
    public void One_lead_is_applied_one_command_at_a_time_and_settled_by_hand()
    {
        Assert.Equal(1, ServiceBus.GetProperty("maxConcurrentCallsPerSession").GetInt32());
        Assert.False(ServiceBus.GetProperty("autoCompleteMessages").GetBoolean());
        Assert.Equal(0, ServiceBus.GetProperty("prefetchCount").GetInt32());
    }

    [Fact]
    public void The_outage_budget_fits_inside_the_lock_renewal()
    {
        var renewal = TimeSpan.Parse(ServiceBus.GetProperty("maxAutoLockRenewalDuration").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(new StoreOutageBackoffOptions().Budget + TimeSpan.FromSeconds(30) <= renewal, "a message held through an outage would lose its session lock");
    }

    [Fact]
    public void A_lead_with_no_more_commands_frees_its_session_slot_within_seconds()
    {
        // Every lead is its own session: a long idle timeout would park a slot on a lead that has nothing more to say.
        var idle = TimeSpan.Parse(ServiceBus.GetProperty("sessionIdleTimeout").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.InRange(idle, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
    }
}
