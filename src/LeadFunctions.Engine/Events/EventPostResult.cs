namespace LeadFunctions.Engine.Events;

public enum EventPostStatus
{
    Queued,
    NoSuchLead,
}

/// <summary>The answer to an event post: queued under the client's event id, or no lead to queue it for.</summary>
public sealed record EventPostResult(EventPostStatus Status, string? EventId)
{
    public static readonly EventPostResult NoSuchLead = new(EventPostStatus.NoSuchLead, null);

    public static EventPostResult Queued(string eventId) => new(EventPostStatus.Queued, eventId);
}
