namespace LeadFunctions.Http.Answers;

/// <summary>202 for a queued event: the client's own event id.</summary>
public sealed record EventAccepted(string EventId);
