namespace LeadFunctions.Engine.Sweeps;

/// <summary>GET /api/admin/sweeps: every sweep in a fixed order, with its latest run's progress.</summary>
public sealed record SweepStatusList(IReadOnlyList<SweepStatus> Sweeps);
