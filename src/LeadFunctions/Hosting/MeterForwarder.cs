using System.Diagnostics.Metrics;
using LeadFunctions.Engine.Telemetry;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Metrics;
using Microsoft.Extensions.Hosting;

namespace LeadFunctions.Functions.Hosting;

/// <summary>
/// Forwards the engine's System.Diagnostics.Metrics instruments to Application Insights as pre-aggregated
/// customMetrics (name = instrument name, dimensions = tags), which the Bicep alert rules query.
/// </summary>
internal sealed class MeterForwarder : IHostedService, IDisposable
{
    private readonly TelemetryClient _client;
    private readonly MeterListener _listener = new();

    public MeterForwarder(TelemetryClient client) => _client = client;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == LeadTelemetry.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Track(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Track(instrument, value, tags));
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _listener.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _listener.Dispose();

    private void Track(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var names = new string[tags.Length];
        var values = new string[tags.Length];
        for (var i = 0; i < tags.Length; i++)
        {
            names[i] = tags[i].Key;
            values[i] = tags[i].Value?.ToString() ?? string.Empty;
        }

        var metric = _client.GetMetric(new MetricIdentifier(MetricIdentifier.DefaultMetricNamespace, instrument.Name, names));
        if (metric.TryGetDataSeries(out var series, true, values))
        {
            series.TrackValue(value);
        }
    }
}
