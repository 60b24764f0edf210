using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Engine.Views;

/// <summary>One lead with its audit trail, for GET /api/leads/{leadId}.</summary>
public sealed record LeadDetails(Lead Lead, IReadOnlyList<AuditRecord> History);
