namespace LeadFunctions.Domain.Routing;

/// <summary>Whether a rep can take a lead right now, and if not, why (the reason goes on the lead's assignment record).</summary>
public enum RepStanding
{
    Available,
    Unavailable,
    AtCapacity,

    /// <summary>The rep whose SLA on this lead just ran out: the lead goes to someone else.</summary>
    PassedOver,
}
