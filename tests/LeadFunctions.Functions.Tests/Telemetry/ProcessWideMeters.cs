namespace LeadFunctions.Functions.Tests.Telemetry;

/// <summary>
/// A MeterProvider listens to every meter of its name in the process, so the telemetry tests run alone: other tests'
/// engines would add their own counts to the series these tests read.
/// </summary>
[CollectionDefinition(nameof(ProcessWideMeters), DisableParallelization = true)]
public sealed class ProcessWideMeters;
