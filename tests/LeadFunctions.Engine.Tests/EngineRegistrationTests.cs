using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Engine.Identity;
using LeadFunctions.Engine.Intake;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Sweeps;
using LeadFunctions.Engine.Transitions;
using LeadFunctions.Engine.Views;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace LeadFunctions.Engine.Tests;

public sealed class EngineRegistrationTests
{
    private const string GoodKey = "0123456789abcdef0123456789abcdef"; // exactly 32 characters

    /// <summary>What a host does: configuration, logging and the storage ports, then the engine.</summary>
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(Mock.Of<ILeadStore>());
        services.AddSingleton(Mock.Of<IDueIndex>());
        services.AddSingleton(Mock.Of<ISweepRuns>());
        services.AddSingleton(Mock.Of<ITransitionPublisher>());
        services.AddSingleton(Mock.Of<ILeadEventPublisher>());
        services.AddSingleton(Mock.Of<ILeadEventOutbox>());
        services.AddSingleton(Mock.Of<IRepRoster>());
        services.AddSingleton(Mock.Of<ILeadQueries>());
        services.AddLeadEngine();
        return services.BuildServiceProvider();
    }

    private static void ValidateOnStart(IServiceProvider services) => services.GetRequiredService<IStartupValidator>().Validate();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("0123456789abcdef0123456789abcde")] // 31
    public void Missing_or_short_identity_key_fails_at_start(string? key)
    {
        using var services = Build(new() { ["LeadIdentity:Key"] = key });

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(services));
        Assert.Equal(typeof(LeadIdentityOptions), ex.OptionsType);
        Assert.Contains(ex.Failures, f => f.Contains(nameof(LeadIdentityOptions.Key), StringComparison.Ordinal));
    }

    [Fact]
    public void Valid_configuration_starts_and_resolves_every_use_case()
    {
        using var services = Build(new() { ["LeadIdentity:Key"] = GoodKey });

        ValidateOnStart(services);

        Assert.NotNull(services.GetRequiredService<SubmitFormHandler>());
        Assert.NotNull(services.GetRequiredService<TransitionMessageHandler>());
        Assert.NotNull(services.GetRequiredService<SweepRunner>());
        Assert.Equal("Default B2B playbook", services.GetRequiredService<Playbook>().Name);
    }

    [Fact]
    public void Configured_key_is_the_one_lead_ids_are_made_with()
    {
        using var services = Build(new() { ["LeadIdentity:Key"] = GoodKey });
        var expected = new LeadIdentity(Options.Create(new LeadIdentityOptions { Key = GoodKey })).LeadIdFor("ana@acme.example");

        Assert.Equal(expected, services.GetRequiredService<LeadIdentity>().LeadIdFor("ana@acme.example"));
    }

    [Theory]
    [InlineData("Sweeps:PageSize", "0")]
    [InlineData("Sweeps:PageSize", "1001")]
    [InlineData("Sweeps:Parallelism", "0")]
    [InlineData("Sweeps:Parallelism", "65")]
    public void Out_of_range_sweep_options_fail_at_start(string setting, string value)
    {
        using var services = Build(new() { ["LeadIdentity:Key"] = GoodKey, [setting] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => ValidateOnStart(services));
        Assert.Equal(typeof(SweepOptions), ex.OptionsType);
    }

    [Fact]
    public void Sweep_options_bind_from_configuration()
    {
        using var services = Build(new() { ["LeadIdentity:Key"] = GoodKey, ["Sweeps:PageSize"] = "7", ["Sweeps:Parallelism"] = "3" });

        ValidateOnStart(services);
        var options = services.GetRequiredService<IOptions<SweepOptions>>().Value;

        Assert.Equal(7, options.PageSize);
        Assert.Equal(3, options.Parallelism);
    }
}
