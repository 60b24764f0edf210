namespace LeadFunctions.Storage.Queues;

/// <summary>What a poison message says: why it was parked, and the original message text untouched.</summary>
public sealed record PoisonMessage(string Reason, string MessageId, long DequeueCount, DateTimeOffset ParkedAt, string Body);
