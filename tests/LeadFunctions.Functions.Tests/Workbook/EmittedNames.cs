using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Reflection;
using System.Text.RegularExpressions;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Processing;
using LeadFunctions.Engine.Sweeps;
using LeadFunctions.Engine.Telemetry;
using LeadFunctions.Engine.Webhooks;
using LeadFunctions.Functions.Tests.Support;
using LeadFunctions.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Functions.Tests.Workbook;

/// <summary>
/// The names the app really emits, taken from the code rather than a list: the engine meter's instruments and the tag
/// keys seen while a day of work runs through the Functions app's own registration, and the property names of every
/// [LoggerMessage] template in the app's assemblies (they become customDimensions of traces).
/// </summary>
public sealed partial class EmittedNames
{
    private EmittedNames(IReadOnlySet<string> metrics, IReadOnlySet<string> metricDimensions, IReadOnlySet<string> logProperties, IReadOnlyList<string> logTemplates)
    {
        Metrics = metrics;
        MetricDimensions = metricDimensions;
        LogProperties = logProperties;
        LogTemplates = logTemplates;
    }

    public IReadOnlySet<string> Metrics { get; }

    public IReadOnlySet<string> MetricDimensions { get; }

    public IReadOnlySet<string> LogProperties { get; }

    public IReadOnlyList<string> LogTemplates { get; }

    public static async Task<EmittedNames> CollectAsync()
    {
        var metrics = new ConcurrentDictionary<string, bool>();
        var tags = new ConcurrentDictionary<string, bool>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == LeadTelemetry.MeterName)
                {
                    metrics[instrument.Name] = true;
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, measured, _) => Remember(measured, tags));
        listener.SetMeasurementEventCallback<double>((_, _, measured, _) => Remember(measured, tags));
        listener.Start();

        using (var receiver = new WebhookReceiver())
        using (var app = new FunctionsApp(new Dictionary<string, string?>
        {
            ["LeadStorage:DeliveriesTable"] = UniqueNames.Table("Deliveries"),
            ["LeadEvents:Webhooks:0:Url"] = receiver.Url,
            ["LeadEvents:Webhooks:0:Secret"] = "whsec_workbook_names_0123",
        }))
        {
            await RunADayAsync(app, receiver);
        }

        var (properties, templates) = LoggerMessageNames();
        return new EmittedNames(metrics.Keys.ToHashSet(), tags.Keys.ToHashSet(), properties, templates);
    }

    /// <summary>
    /// Intake (routed to a rep), a replay, an applied and a refused command, every sweep, and the commands they queue
    /// applied (an SLA breach); the day's lead events posted to a webhook that takes the first and refuses the rest.
    /// </summary>
    private static async Task RunADayAsync(FunctionsApp app, WebhookReceiver receiver)
    {
        var leadId = await app.SubmitPricingFormAsync("workbook@acme-analytics.com");
        await app.SubmitPricingFormAsync("workbook@acme-analytics.com");
        var processor = app.Services.GetRequiredService<LeadCommandProcessor>();
        await processor.ProcessAsync(leadId, new TransitionCommand("evt:wb-1", TransitionType.DealWon, app.Time.GetUtcNow(), "rep-ann"), CancellationToken.None);
        await processor.ProcessAsync(leadId, new TransitionCommand("evt:wb-1", TransitionType.DealWon, app.Time.GetUtcNow(), "rep-ann"), CancellationToken.None);
        app.Time.Advance(TimeSpan.FromDays(6));
        var sweeps = app.Services.GetRequiredService<SweepRunner>();
        foreach (var sweep in Enum.GetValues<Domain.Sweeps.SweepKind>())
        {
            await sweeps.RunAsync(sweep, asOf: null, dryRun: false, CancellationToken.None);
        }

        // What the Service Bus trigger would do with what the sweeps queued.
        foreach (var queued in app.Publisher.Sent)
        {
            await processor.ProcessAsync(queued.LeadId, queued.Command, CancellationToken.None);
        }

        // What the lead-events trigger would do with what the day published.
        receiver.Answer = n => n == 0 ? 200 : 500;
        var webhooks = app.Services.GetRequiredService<WebhookDeliveryHandler>();
        foreach (var leadEvent in app.LeadEvents.Published.Take(3))
        {
            await webhooks.HandleAsync(leadEvent, CancellationToken.None);
        }
    }

    private static void Remember(ReadOnlySpan<KeyValuePair<string, object?>> measured, ConcurrentDictionary<string, bool> tags)
    {
        foreach (var tag in measured)
        {
            tags[tag.Key] = true;
        }
    }

    private static (IReadOnlySet<string> Properties, IReadOnlyList<string> Templates) LoggerMessageNames()
    {
        var assemblies = new[]
        {
            typeof(LeadTelemetry).Assembly,
            typeof(LeadFunctions.Http.LeadApi).Assembly,
            typeof(LeadFunctions.Storage.TableProvisioner).Assembly,
            typeof(Hosting.FunctionsAppRegistration).Assembly,
        };
        var templates = assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>()?.Message)
            .OfType<string>()
            .ToList();
        var properties = templates.SelectMany(t => Placeholder().Matches(t).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        return (properties, templates);
    }

    [GeneratedRegex(@"\{(\w+)(?::[^}]*)?\}")]
    private static partial Regex Placeholder();
}
