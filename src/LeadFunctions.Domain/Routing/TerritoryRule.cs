namespace LeadFunctions.Domain.Routing;

/// <summary>One ordered territory rule: the first whose <see cref="Match"/> holds sends the lead to a team or straight to a rep.</summary>
public sealed record TerritoryRule
{
    public required string Name { get; init; }

    public TerritoryMatch Match { get; init; } = new();

    public string? Team { get; init; }

    public string? Rep { get; init; }
}
