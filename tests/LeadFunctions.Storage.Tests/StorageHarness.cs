using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using LeadFunctions.Engine;
using LeadFunctions.Engine.Intake;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Processing;
using LeadFunctions.Engine.Sweeps;
using LeadFunctions.Storage.Queues;
using LeadFunctions.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadFunctions.Storage.Tests;

/// <summary>The engine wired exactly as the hosts wire it, on fresh tables in the shared Azurite, with a fake clock and a request counter.</summary>
internal sealed class StorageHarness : IDisposable
{
    private readonly ServiceProvider _services;

    private readonly Dictionary<string, string?> _settings;

    public StorageHarness(Action<IDictionary<string, string?>>? configure = null)
        : this(new Dictionary<string, string?>
        {
            ["LeadStorage:ConnectionString"] = AzuriteServer.Shared.ConnectionString,
            ["LeadStorage:LeadsTable"] = UniqueNames.Table("Leads"),
            ["LeadIdentity:Key"] = "test-key-test-key-test-key-test-key-0123",
            ["Sweeps:PageSize"] = "25",
            ["Transitions:QueueName"] = UniqueNames.Queue("transitions"),
            ["LeadEvents:QueueName"] = UniqueNames.Queue("events"),
            ["Imports:QueueName"] = UniqueNames.Queue("imports"),
        }, configure)
    {
    }

    private StorageHarness(Dictionary<string, string?> settings, Action<IDictionary<string, string?>>? configure)
    {
        _settings = settings;
        configure?.Invoke(settings);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddLeadEngine();
        services.AddLeadTableStorage();
        services.AddStorageQueueTransitions();

        // The local lead-events queue behind a switch, so a test can make publishing fail or "crash" after it.
        services.AddSingleton<StorageQueueLeadEventPublisher>();
        services.AddSingleton(sp => new GatedLeadEventPublisher(sp.GetRequiredService<StorageQueueLeadEventPublisher>()));
        services.AddSingleton<ILeadEventPublisher>(sp => sp.GetRequiredService<GatedLeadEventPublisher>());
        services.AddSingleton<TimeProvider>(Clock);
        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(Requests, HttpPipelinePosition.PerCall);
        services.AddSingleton(new TableServiceClient(AzuriteServer.Shared.ConnectionString, clientOptions));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

    public RequestCounter Requests { get; } = new();

    public ILeadStore Store => Get<ILeadStore>();

    public IDueIndex DueIndex => Get<IDueIndex>();

    public LeadCommandProcessor Processor => Get<LeadCommandProcessor>();

    public SubmitFormHandler Intake => Get<SubmitFormHandler>();

    public SweepRunner Sweeps => Get<SweepRunner>();

    public GatedLeadEventPublisher LeadEvents => Get<GatedLeadEventPublisher>();

    /// <summary>Runs the local transition consumer until the queue looks empty (what the local host's worker does); returns the messages handled.</summary>
    public async Task<int> DrainQueueAsync()
    {
        var worker = Get<StorageQueueTransitionWorker>();
        var total = 0;
        int received;
        while ((received = await worker.ProcessBatchAsync(CancellationToken.None)) > 0)
        {
            total += received;
        }

        return total;
    }

    /// <summary>A sweep run and then the consumer, as the local host runs them.</summary>
    public async Task<SweepReport> SweepAndApplyAsync(Domain.Sweeps.SweepKind sweep)
    {
        var report = await Sweeps.RunAsync(sweep, null, dryRun: false, CancellationToken.None);
        await DrainQueueAsync();
        return report;
    }

    /// <summary>Another app instance on the same tables: its own caches, the same clock reading.</summary>
    public StorageHarness SecondInstance()
    {
        var other = new StorageHarness(new Dictionary<string, string?>(_settings), null);
        other.Clock.SetUtcNow(Clock.GetUtcNow());
        return other;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public async Task<SubmissionResult> SubmitAsync(string formId, string email, string? submissionId = null, params (string Key, string Value)[] extra)
    {
        var fields = new Dictionary<string, string?> { ["email"] = email };
        foreach (var (key, value) in extra)
        {
            fields[key] = value;
        }

        if (submissionId is not null)
        {
            fields["submissionId"] = submissionId;
        }

        var result = await Intake.HandleAsync(formId, fields, null, CancellationToken.None);
        Assert.Equal(SubmissionStatus.Accepted, result.Status);
        return result;
    }

    public void Dispose() => _services.Dispose();

    /// <summary>Counts HTTP requests to Table Storage, to prove which operations cost what.</summary>
    /// <summary>Counts the Table requests sent, and keeps their addresses (the query string says a query from a point read).</summary>
    internal sealed class RequestCounter : HttpPipelinePolicy
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<Uri> _sent = new();

        public int Count => _sent.Count;

        /// <summary>The requests that were table queries (a <c>$filter</c>), not point reads or writes.</summary>
        public int Queries => _sent.Count(uri => Uri.UnescapeDataString(uri.Query).Contains("$filter", StringComparison.Ordinal));

        public void Reset() => _sent.Clear();

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            _sent.Enqueue(message.Request.Uri.ToUri());
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            _sent.Enqueue(message.Request.Uri.ToUri());
            return ProcessNextAsync(message, pipeline);
        }
    }
}

internal static class HarnessCommands
{
    public static async Task<List<Domain.Sweeps.DueEntry>> ReadAllDueAsync(this IDueIndex index, Domain.Sweeps.SweepKind sweep, DateTimeOffset asOf)
    {
        var all = new List<Domain.Sweeps.DueEntry>();
        string? token = null;
        do
        {
            var page = await index.ReadDueAsync(sweep, asOf, 100, token, CancellationToken.None);
            all.AddRange(page.Entries);
            token = page.ContinuationToken;
        }
        while (token is not null);

        return all;
    }

    private static int _sequence;

    public static Task<CommandOutcome> ApplyAsync(this StorageHarness harness, string leadId, Domain.Transitions.TransitionType type, Domain.Transitions.TransitionData? data = null, string? reason = null, string? commandId = null)
    {
        var command = new Domain.Transitions.TransitionCommand(
            commandId ?? $"test-{Interlocked.Increment(ref _sequence)}",
            type,
            harness.Clock.GetUtcNow(),
            "rep-1",
            reason,
            data);
        return harness.Processor.ProcessAsync(leadId, command, CancellationToken.None);
    }
}
