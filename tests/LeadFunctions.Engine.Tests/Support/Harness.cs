using System.Diagnostics.Metrics;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Identity;
using LeadFunctions.Engine.Intake;
using LeadFunctions.Engine.Outbox;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Processing;
using LeadFunctions.Engine.Routing;
using LeadFunctions.Engine.Sweeps;
using LeadFunctions.Engine.Telemetry;
using LeadFunctions.Engine.Transitions;
using LeadFunctions.Engine.Views;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace LeadFunctions.Engine.Tests.Support;

/// <summary>One save as the store received it.</summary>
public sealed record SaveCall(Lead Lead, string? ExpectedETag, AuditRecord Audit, IReadOnlyCollection<DueEntry> DueBefore, IReadOnlyCollection<DueEntry> DueAfter)
{
    public SaveCall(LeadWrite write)
        : this(write.Lead, write.ExpectedETag, write.Audit, [.. write.DueBefore], [.. write.DueAfter])
    {
    }
}

/// <summary>
/// The engine over mocked ports, a fake clock and the default playbook. Every port call is recorded in order
/// (<see cref="Calls"/>), so tests can assert which reads and writes happened and in what order. One
/// <see cref="LeadStateCache"/> is shared by every processor the harness makes, as the singleton is in a host.
/// </summary>
public sealed class Harness : IDisposable
{
    private LeadStateCache? _cache;
    private RepRotation _rotation = RepRotation.Empty;

    /// <summary>A Monday, so the three-business-day SLA lands on Thursday at the same time of day.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public const string IdentityKey = "test-key-0123456789-0123456789-0123456789";

    public static Playbook Playbook { get; } = PlaybookJson.Default();

    public static LeadIdentity Identity { get; } = new(Options.Create(new LeadIdentityOptions { Key = IdentityKey }));

    private readonly Lock _gate = new();
    private readonly ServiceProvider _services;

    public Harness(SweepOptions? sweepOptions = null)
    {
        Time = new FakeTimeProvider(Start);
        Machine = new StateMachine(Playbook);
        Schedule = new SweepSchedule(Playbook);
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meterFactory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new MetricRecorder(meterFactory);
        Telemetry = new LeadTelemetry(meterFactory);
        SweepOptions = sweepOptions ?? new SweepOptions { PageSize = 100, Parallelism = 1 };

        Store.Setup(s => s.SaveAsync(It.IsAny<LeadWrite>(), It.IsAny<CancellationToken>()))
            .Returns((LeadWrite write, CancellationToken _) =>
            {
                var call = new SaveCall(write);
                int count;
                lock (_gate)
                {
                    Saves.Add(call);
                    Calls.Add("save");
                    count = Saves.Count;
                }

                return SaveAndTagAsync(count, call);
            });
        Roster.Setup(r => r.GetAvailabilityAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new Dictionary<string, RepAvailability>());
        Roster.Setup(r => r.GetRotationAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(() => new StoredRotation(_rotation, null));
        Roster.Setup(r => r.TrySaveRotationAsync(It.IsAny<string>(), It.IsAny<RepRotation>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, RepRotation next, string? _, CancellationToken _) =>
            {
                _rotation = next;
                return true;
            });
        Index.Setup(i => i.CountDueAsync(It.IsAny<SweepKind>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>())).ReturnsAsync(0);
        SweepRunStore.Setup(r => r.SaveAsync(It.IsAny<SweepRun>(), It.IsAny<CancellationToken>()))
            .Callback((SweepRun run, CancellationToken _) =>
            {
                lock (_gate)
                {
                    SweepRuns.Add(run);
                }
            })
            .Returns(Task.CompletedTask);
        Index.Setup(i => i.RemoveAsync(It.IsAny<IReadOnlyCollection<DueEntry>>(), It.IsAny<CancellationToken>()))
            .Returns((IReadOnlyCollection<DueEntry> entries, CancellationToken _) =>
            {
                lock (_gate)
                {
                    Removed.Add([.. entries]);
                    Calls.Add("index.remove");
                }

                return RemoveBehavior([.. entries]);
            });
    }

    public FakeTimeProvider Time { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public StateMachine Machine { get; }

    public SweepSchedule Schedule { get; }

    public MetricRecorder Metrics { get; }

    public LeadTelemetry Telemetry { get; }

    public SweepOptions SweepOptions { get; }

    public Mock<ILeadStore> Store { get; } = new(MockBehavior.Strict);

    public Mock<IDueIndex> Index { get; } = new(MockBehavior.Strict);

    public Mock<ISweepRuns> SweepRunStore { get; } = new(MockBehavior.Strict);

    /// <summary>Every progress save of every sweep run, in order.</summary>
    public List<SweepRun> SweepRuns { get; } = [];

    public List<string> Calls { get; } = [];

    public List<SaveCall> Saves { get; } = [];

    public List<List<DueEntry>> Removed { get; } = [];

    public List<(string LeadId, string CommandId)> Loads { get; } = [];

    /// <summary>What the n-th save (1-based) does; completes by default, and then the store answers <see cref="SavedETag"/>(n).</summary>
    public Func<int, SaveCall, Task> SaveBehavior { get; set; } = (_, _) => Task.CompletedTask;

    public LeadStateCache Cache => _cache ??= new LeadStateCache(Time);

    public Func<IReadOnlyCollection<DueEntry>, Task> RemoveBehavior { get; set; } = _ => Task.CompletedTask;

    /// <summary>Reps all available, nobody at capacity; the rotation kept in memory (the Storage tests run it on Azurite).</summary>
    public Mock<IRepRoster> Roster { get; } = new();

    /// <summary>The rotation as the roster mock last saved it.</summary>
    public RepRotation Rotation => _rotation;

    public Mock<ILeadQueries> Queries { get; } = new();

    public RepAssigner Assigner => new(Playbook, Roster.Object, Queries.Object, NullLogger<RepAssigner>.Instance);

    /// <summary>Where the processor's fast path publishes lead events; loose, so tests that do not look at events are not bothered.</summary>
    public Mock<ILeadEventPublisher> EventPublisher { get; } = new();

    private LeadEventRelay? _relay;

    public Mock<ILeadEventOutbox> Outbox { get; } = new();

    /// <summary>One per harness, as in a host: it holds the published events waiting for removal.</summary>
    public LeadEventRelay Relay => _relay ??= new(Outbox.Object, EventPublisher.Object, Options.Create(new LeadEventRelayOptions()), Time, NullLogger<LeadEventRelay>.Instance);

    public LeadCommandProcessor Processor => new(Store.Object, Machine, Schedule, Cache, Assigner, Relay, Time, Telemetry, NullLogger<LeadCommandProcessor>.Instance);

    public SubmitFormHandler FormHandler => new(Playbook, Identity, Processor, Time);

    public TransitionMessageHandler MessageHandler => new(Processor, NullLogger<TransitionMessageHandler>.Instance);

    /// <summary>What sweeps queued, in order; <see cref="DrainQueueAsync"/> hands them to the consumer.</summary>
    public QueuedTransitions Queue { get; } = new();

    public SweepRunner SweepRunner => SweepRunnerWith(Schedule);

    public SweepRunner SweepRunnerWith(SweepSchedule schedule)
        => new(Index.Object, Store.Object, schedule, Queue, SweepRunStore.Object, Time, Telemetry, Options.Create(SweepOptions), NullLogger<SweepRunner>.Instance);

    /// <summary>The transition consumer takes every queued command, in order, as the local worker or Service Bus would.</summary>
    public async Task<IReadOnlyList<MessageHandling>> DrainQueueAsync()
    {
        var handled = new List<MessageHandling>();
        var handler = MessageHandler;
        while (Queue.TryTake(out var envelope))
        {
            handled.Add(await handler.HandleAsync(TransitionJson.Serialize(envelope), CancellationToken.None));
        }

        return handled;
    }

    /// <summary>Every load returns what <paramref name="answer"/> says for the (lead, command id) pair.</summary>
    public void OnLoad(Func<string, string, LeadLoad> answer)
        => Store.Setup(s => s.LoadForCommandAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string leadId, string commandId, CancellationToken _) =>
            {
                lock (_gate)
                {
                    Loads.Add((leadId, commandId));
                    Calls.Add("load");
                }

                return Task.FromResult(answer(leadId, commandId));
            });

    public void OnLoad(StoredLead? current, AuditRecord? prior = null) => OnLoad((_, _) => new LeadLoad(current, prior));

    /// <summary>Every look-up of a command's audit line answers <paramref name="recorded"/>.</summary>
    public void OnFindCommand(AuditRecord? recorded)
        => Store.Setup(s => s.FindCommandAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                lock (_gate)
                {
                    Calls.Add("find");
                }

                return Task.FromResult(recorded);
            });

    public void OnGet(string leadId, StoredLead? stored)
        => Store.Setup(s => s.GetAsync(leadId, It.IsAny<CancellationToken>())).ReturnsAsync(stored);

    /// <summary>The version tag the store returns for the n-th save (1-based).</summary>
    public static string SavedETag(int n) => "saved-" + n;

    /// <summary>The lead as the store holds it: with its version tag and the due entries written with it.</summary>
    public StoredLead StoredAs(Lead lead, string etag) => new(lead, etag, [.. Schedule.DueDates(lead)]);

    public static string LeadIdOf(string email) => Identity.LeadIdFor(email);

    /// <summary>A good-fit person: 30 base + 30 size + 20 country + 20 title = 100.</summary>
    public static Person GoodFit(string email) => new(email, "Ana", "Lopez", "Acme", "Head of Operations", null, "US", 200);

    public static TransitionCommand FormCommand(string formId, string email, string commandId, DateTimeOffset at, bool consent = false)
        => new(commandId, TransitionType.FormSubmitted, at, "form:" + formId,
            Data: new TransitionData { Submission = new FormSubmission(formId, GoodFit(email), null, null, null, consent) });

    public static TransitionCommand Command(TransitionType type, string commandId, DateTimeOffset at, string actor = "rep:sam", TransitionData? data = null)
        => new(commandId, type, at, actor, Data: data);

    /// <summary>A new good-fit person from an action-oriented form: SQL / New, in the sales inbox.</summary>
    public Lead NewSqlLead(string email, DateTimeOffset at)
    {
        var lead = Machine.Apply(LeadIdOf(email), null, FormCommand("contact-us", email, "sub:seed-" + email, at), at).Lead;
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(LeadStatus.New, lead.Status);
        return lead;
    }

    /// <summary>A new good-fit person from an informational form: MQL / Nurturing.</summary>
    public Lead NewMqlLead(string email, DateTimeOffset at)
    {
        var lead = Machine.Apply(LeadIdOf(email), null, FormCommand("whitepaper", email, "sub:seed-" + email, at), at).Lead;
        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        return lead;
    }

    public Lead After(Lead lead, TransitionCommand command)
    {
        var result = Machine.Apply(lead.Id, lead, command, command.OccurredAt);
        Assert.True(result.Applied, $"Seeding {command.Type} was refused: {result.Audit.RejectionCode}");
        return result.Lead;
    }

    private async Task<string> SaveAndTagAsync(int count, SaveCall call)
    {
        await SaveBehavior(count, call);
        return SavedETag(count);
    }

    public void Dispose()
    {
        Metrics.Dispose();
        Telemetry.Dispose();
        _services.Dispose();
    }
}
