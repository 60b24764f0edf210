using System.Collections.Immutable;

namespace LeadFunctions.Domain.Routing;

/// <summary>A sales team: its reps in rotation order, and the manager an SLA breach escalates to.</summary>
public sealed record TeamDefinition
{
    public required string Id { get; init; }

    public string? DisplayName { get; init; }

    public string? Manager { get; init; }

    public ImmutableArray<RepDefinition> Reps { get; init; } = [];

    public RepDefinition? FindRep(string repId) => Reps.FirstOrDefault(r => r.Id == repId);
}
