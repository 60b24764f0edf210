using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Playbooks;

/// <summary>A fit x interest quadrant by its canonical name, with the company's name for it, its owner and its play.</summary>
public sealed record QuadrantTerm(Quadrant Name, string DisplayName, Team Owner, string? Play);
