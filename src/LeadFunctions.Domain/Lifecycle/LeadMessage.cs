namespace LeadFunctions.Domain.Lifecycle;

/// <summary>The most recent message the person wrote in a form, for the rep who calls them back. Personal data: never logged.</summary>
public sealed record LeadMessage(string Text, string FormId, DateTimeOffset ReceivedAt);
