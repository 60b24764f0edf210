namespace LeadFunctions.Domain.Sweeps;

/// <summary>A lead that one sweep must look at, no earlier than <see cref="DueAt"/>.</summary>
public sealed record DueEntry(SweepKind Sweep, string LeadId, DateTimeOffset DueAt);
