using System.Collections.Immutable;
using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Routing;

/// <summary>
/// What a territory rule matches on. Every condition that is set must hold; an empty list or a missing bound
/// matches anything, so a rule with no conditions catches every lead.
/// </summary>
public sealed record TerritoryMatch
{
    /// <summary>ISO 3166-1 alpha-2 codes.</summary>
    public ImmutableArray<string> Countries { get; init; } = [];

    /// <summary>Names from the playbook's <c>routing.regions</c> (each a list of countries).</summary>
    public ImmutableArray<string> Regions { get; init; } = [];

    public int? EmployeesMin { get; init; }

    public int? EmployeesMax { get; init; }

    public ImmutableArray<string> EmailDomains { get; init; } = [];

    public ImmutableArray<string> Forms { get; init; } = [];

    public ImmutableArray<Quadrant> Quadrants { get; init; } = [];
}
