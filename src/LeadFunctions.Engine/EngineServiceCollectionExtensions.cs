using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Calendar;
using LeadFunctions.Engine.Health;
using LeadFunctions.Engine.Identity;
using LeadFunctions.Engine.LeadImports;
using LeadFunctions.Engine.Intake;
using LeadFunctions.Engine.Outbox;
using LeadFunctions.Engine.Playbooks;
using LeadFunctions.Engine.Privacy;
using LeadFunctions.Engine.Processing;
using LeadFunctions.Engine.Reports;
using LeadFunctions.Engine.Routing;
using LeadFunctions.Engine.Sweeps;
using LeadFunctions.Engine.Telemetry;
using LeadFunctions.Engine.Transitions;
using LeadFunctions.Engine.Views;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// The lifecycle engine: playbook, state machine, intake, transition and sweep handlers, the lead-event relay.
    /// Hosts add storage (with the event outbox) and transport (with the lead-event publisher).
    /// </summary>
    public static IServiceCollection AddLeadEngine(this IServiceCollection services)
    {
        services.AddOptions<PlaybookOptions>().BindConfiguration(PlaybookOptions.Section);
        services.AddOptions<LeadIdentityOptions>().BindConfiguration(LeadIdentityOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SweepOptions>().BindConfiguration(SweepOptions.Section).ValidateDataAnnotations()
            .Validate(
                options => Enum.GetValues<SweepKind>().All(sweep => SweepTimer.IsNcrontab(options.TimerFor(sweep).Schedule)),
                "Every Sweeps:<Name>:Schedule must be six-field NCRONTAB with seconds, e.g. '0 */30 * * * *'.")
            .ValidateOnStart();

        // Loading the playbook is part of start-up validation: a bad key stops the host with the key's path.
        services.AddOptions<PlaybookHolder>().Configure<IOptions<PlaybookOptions>>((holder, options) => holder.Load(options.Value))
            .Validate(holder => holder.Playbook is not null, "The playbook did not load.").ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PlaybookHolder>>().Value.Playbook!);
        services.AddSingleton(sp => new StateMachine(sp.GetRequiredService<Playbook>()));
        services.AddSingleton(sp => PlaybookVocabulary.Of(sp.GetRequiredService<Playbook>()));
        services.AddSingleton(sp => new SweepSchedule(sp.GetRequiredService<Playbook>()));
        services.AddSingleton<SlaInbox>();
        services.AddSingleton(sp => new LeadEventLog(sp.GetRequiredService<Playbook>()));
        services.AddOptions<LeadEventRelayOptions>().BindConfiguration(LeadEventRelayOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<LeadEventRelay>();
        services.AddHostedService<PublishedEventRemoval>();

        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LeadTelemetry>();
        services.AddSingleton<LeadIdentity>();
        services.AddSingleton<LeadStateCache>();
        services.AddSingleton<LeadCommandProcessor>();
        services.AddSingleton<SubmitFormHandler>();
        services.AddSingleton<ImportActivity>();
        services.AddSingleton<ImportRowHandler>();
        services.AddSingleton<ImportChunkHandler>();
        services.AddSingleton<ImportSubmitter>();
        services.AddSingleton<TransitionMessageHandler>();
        services.AddOptions<StoreOutageBackoffOptions>().BindConfiguration(StoreOutageBackoffOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<StoreOutageBackoff>();
        services.AddSingleton<SweepRunner>();
        services.AddSingleton<SweepStatusReader>();
        services.AddSingleton<VelocityReportHandler>();
        services.AddSingleton<VelocitySnapshotRefresher>();
        services.AddSingleton<EraseLeadHandler>();
        services.AddSingleton<LeadDetailsHandler>();
        services.TryAddSingleton<IStorageHealth, LeadStoreHealth>();
        services.AddSingleton<RepAssigner>();
        services.AddSingleton<RepsHandler>();
        services.AddHostedService<HolidayHorizonCheck>();
        return services;
    }

    /// <summary>Options wrapper so the playbook loads once, at start, through the options validation pipeline.</summary>
    internal sealed class PlaybookHolder
    {
        public Playbook? Playbook { get; private set; }

        public void Load(PlaybookOptions options)
            => Playbook = string.IsNullOrWhiteSpace(options.Path) ? PlaybookJson.Default() : PlaybookJson.Load(PlaybookFile.Resolve(options.Path));
    }
}
