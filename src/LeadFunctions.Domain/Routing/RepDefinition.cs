namespace LeadFunctions.Domain.Routing;

/// <summary>
/// A rep in a team: how large a share of the team's new leads they take (<see cref="Weight"/>) and, optionally, how
/// many open New leads they may hold before the rotation passes them by (<see cref="Capacity"/>).
/// </summary>
public sealed record RepDefinition
{
    public required string Id { get; init; }

    public int Weight { get; init; } = 1;

    public int? Capacity { get; init; }
}
