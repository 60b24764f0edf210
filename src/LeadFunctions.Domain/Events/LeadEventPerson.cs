namespace LeadFunctions.Domain.Events;

/// <summary>
/// Who the lead is, for subscribers configured to receive personal data only; it is stripped before any other
/// subscriber sees the event, and erasing the lead removes the events still waiting that carry it.
/// </summary>
public sealed record LeadEventPerson(string Email, string? FirstName, string? LastName, string? Company, string? Message);
