namespace LeadFunctions.Domain.Routing;

/// <summary>The rep who last owned a lead and when they let go of it, so a lead that comes back soon can go back to them.</summary>
public sealed record PastOwner(string Rep, DateTimeOffset Until);
