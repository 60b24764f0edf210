namespace LeadFunctions.Http.Answers;

/// <summary>202 for a stored submission; a dropped (honeypot) one has no lead id.</summary>
public sealed record SubmissionAccepted(string SubmissionId, string? LeadId);
