using LeadFunctions.Engine.Intake;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Functions.Tests.DeployContract;
using LeadFunctions.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace LeadFunctions.Functions.Tests.Support;

/// <summary>
/// The Functions app's own registration (<see cref="LeadFunctions.Functions.Hosting.FunctionsAppRegistration.AddLeadFunctionsApp"/>) on a fresh table
/// in the shared Azurite, with a fake clock, the store behind an outage switch and the Service Bus sender recorded.
/// Function classes are made the way the worker makes them: constructed from this container.
/// </summary>
public sealed class FunctionsApp : IDisposable
{
    public const string IdentityKey = "functions-test-key-0123456789-0123456789";

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    public FunctionsApp(IDictionary<string, string?>? settings = null)
    {
        var merged = new Dictionary<string, string>
        {
            ["LeadStorage:ConnectionString"] = AzuriteServer.Shared.ConnectionString,
            ["LeadStorage:LeadsTable"] = UniqueNames.Table("Functions"),
            ["LeadIdentity:Key"] = IdentityKey,
            ["ServiceBusConnection:fullyQualifiedNamespace"] = "leadfunctions-tests.servicebus.windows.net",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            merged[key] = value!;
        }

        // What the Functions host registers and the app's own registration, as the deploy-contract tests build them.
        var services = DeployedApp.Services(merged);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(Publisher);
        services.Replace(ServiceDescriptor.Singleton<ITransitionPublisher>(Publisher));
        services.Replace(ServiceDescriptor.Singleton<ILeadEventPublisher>(LeadEvents));
        services.Replace(ServiceDescriptor.Singleton<IImportChunkPublisher>(ImportChunks));
        var table = services.Single(d => d.ServiceType == typeof(ILeadStore));
        services.Remove(table);
        services.AddSingleton(sp => new OutageStore((ILeadStore)ActivatorUtilities.CreateInstance(sp, table.ImplementationType!), Time));
        services.AddSingleton<ILeadStore>(sp => sp.GetRequiredService<OutageStore>());
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public CapturingLoggerProvider Logs { get; } = new();

    public RecordingPublisher Publisher { get; } = new();

    public RecordingLeadEventPublisher LeadEvents { get; } = new();

    public RecordingImportChunkPublisher ImportChunks { get; } = new();

    public IServiceProvider Services => _services;

    public OutageStore Store => _services.GetRequiredService<OutageStore>();

    public T Create<T>() => ActivatorUtilities.CreateInstance<T>(_services);

    public T Options<T>()
        where T : class => _services.GetRequiredService<Microsoft.Extensions.Options.IOptions<T>>().Value;

    /// <summary>Runs an HTTP trigger's result as the worker would and returns the response's status and body.</summary>
    public static async Task<(int Status, string Body)> ExecuteAsync(HttpContext context, IResult result)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(result);
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body, leaveOpen: true);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }

    /// <summary>A request as the worker's ASP.NET Core integration hands it to an HTTP trigger.</summary>
    public HttpContext Request(string method, string path, string? json = null, string? query = null)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        context.Response.Body = new MemoryStream();
        if (json is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        }

        return context;
    }

    /// <summary>A good-fit person's Pricing form: an SQL in the sales inbox. Returns the lead id.</summary>
    public async Task<string> SubmitPricingFormAsync(string email)
    {
        var result = await _services.GetRequiredService<SubmitFormHandler>().HandleAsync(
            "pricing",
            new Dictionary<string, string?>
            {
                ["email"] = email,
                ["company"] = "Acme Analytics",
                ["jobTitle"] = "Director of Operations",
                ["employees"] = "250",
                ["country"] = "US",
            },
            idempotencyKey: null,
            CancellationToken.None);
        return result.LeadId ?? throw new InvalidOperationException($"The submission was {result.Status}.");
    }

    public void Dispose() => _services.Dispose();
}
