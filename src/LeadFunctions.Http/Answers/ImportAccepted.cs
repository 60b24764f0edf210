namespace LeadFunctions.Http.Answers;

/// <summary>202 for a stored import: where to follow its progress (GET /api/imports/{importId}).</summary>
public sealed record ImportAccepted(string ImportId, int Total);
