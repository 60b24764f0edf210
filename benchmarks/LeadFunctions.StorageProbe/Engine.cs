using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using LeadFunctions.Engine;
using LeadFunctions.Engine.Intake;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Processing;
using LeadFunctions.Engine.Sweeps;
using LeadFunctions.Storage;
using LeadFunctions.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadFunctions.StorageProbe;

/// <summary>
/// The engine wired as the local host wires it (AddLeadEngine + AddLeadTableStorage + AddStorageQueueTransitions), on
/// its own table and queue, with a fake clock and the traffic counter on both clients.
/// </summary>
internal sealed class Engine : IDisposable
{
    public const string IdentityKey = "bench-key-bench-key-bench-key-bench-0123";

    private readonly ServiceProvider _services;

    public Engine(string connectionString, string leadsTable, DateTimeOffset now, int sweepParallelism = 4)
    {
        Clock = new FakeTimeProvider(now);
        LeadsTable = leadsTable;
        var settings = new Dictionary<string, string?>
        {
            ["LeadStorage:ConnectionString"] = connectionString,
            ["LeadStorage:LeadsTable"] = leadsTable,
            ["LeadIdentity:Key"] = IdentityKey,
            ["Sweeps:Parallelism"] = sweepParallelism.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Transitions:QueueName"] = "transitions-" + leadsTable.ToLowerInvariant(),
            ["Transitions:BatchSize"] = "32",
        };
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddLeadEngine();
        services.AddLeadTableStorage();
        services.AddStorageQueueTransitions();
        services.AddSingleton<TimeProvider>(Clock);

        // Same client options as StorageServiceCollectionExtensions.CreateTableService, plus the counter.
        var clientOptions = new TableClientOptions();
        clientOptions.Retry.MaxRetries = 2;
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        clientOptions.AddPolicy(Traffic, HttpPipelinePosition.PerCall);
        services.AddSingleton(new TableServiceClient(connectionString, clientOptions));
        var queueOptions = new QueueClientOptions();
        queueOptions.Retry.MaxRetries = 2;
        queueOptions.AddPolicy(Traffic, HttpPipelinePosition.PerCall);
        services.AddSingleton(new QueueServiceClient(connectionString, queueOptions));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public FakeTimeProvider Clock { get; }

    public string LeadsTable { get; }

    public TableTraffic Traffic { get; } = new();

    public ILeadStore Store => Get<ILeadStore>();

    public IDueIndex DueIndex => Get<IDueIndex>();

    public LeadCommandProcessor Processor => Get<LeadCommandProcessor>();

    public SubmitFormHandler Intake => Get<SubmitFormHandler>();

    public SweepRunner Sweeps => Get<SweepRunner>();

    /// <summary>Runs the local transition consumer until the queue looks empty; returns the messages it handled.</summary>
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

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public async Task<SubmissionResult> SubmitAsync(string formId, string email, string submissionId)
    {
        var fields = new Dictionary<string, string?>
        {
            ["email"] = email,
            ["firstName"] = "Ada",
            ["lastName"] = "Lovelace",
            ["company"] = "Analytical Engines Ltd",
            ["jobTitle"] = "VP Engineering",
            ["country"] = "GB",
            ["employees"] = "250",
            ["consent"] = "true",
            ["utm_campaign"] = "spring-launch",
            ["submissionId"] = submissionId,
        };
        var result = await Intake.HandleAsync(formId, fields, null, CancellationToken.None);
        if (result.Status != SubmissionStatus.Accepted)
        {
            throw new InvalidOperationException($"Submission was {result.Status}.");
        }

        return result;
    }

    public void Dispose() => _services.Dispose();
}
