namespace LeadFunctions.Engine.Webhooks;

/// <summary>The body Slack and Teams incoming webhooks both accept.</summary>
public sealed record ChatMessage(string Text);
