namespace LeadFunctions.Http;

/// <summary>One page of a rep's view: the leads without their history, and the token for the next page, if any.</summary>
public sealed record LeadListView(IReadOnlyList<LeadView> Items, string? ContinuationToken);
