namespace LeadFunctions.Http.Answers;

/// <summary>GET /api/admin/deliveries: one page of deliveries in the asked state, and the token for the next page, if any.</summary>
public sealed record DeliveryList(IReadOnlyList<DeliveryView> Items, string? ContinuationToken);
