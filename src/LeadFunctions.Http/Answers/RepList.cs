using LeadFunctions.Engine.Routing;

namespace LeadFunctions.Http.Answers;

/// <summary>GET /api/reps: every rep of the playbook's teams, with availability now and open New leads.</summary>
public sealed record RepList(IReadOnlyList<RepView> Reps);
