using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Engine.Processing;

/// <summary>How a command ended: applied, refused (recorded), already recorded before, or aimed at no lead.</summary>
public sealed record CommandOutcome(OutcomeKind? Kind, AuditRecord? Audit, Lead? Lead)
{
    public static readonly CommandOutcome UnknownLead = new(null, null, null);

    public bool IsUnknownLead => Kind is null;
}
