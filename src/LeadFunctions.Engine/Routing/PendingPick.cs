using System.Collections.Immutable;
using LeadFunctions.Domain.Routing;

namespace LeadFunctions.Engine.Routing;

/// <summary>
/// One lead waiting for its team's rotation: what it asks, and the rep its territory named and why that rep was passed
/// by. Null as its answer: nobody else can take a lead passed over by its late rep.
/// </summary>
internal sealed record PendingPick(AssignmentRequest Request, RouteMatch Route, ImmutableArray<SkippedRep> SkippedDirect, DateTimeOffset Now);
