namespace LeadFunctions.Domain.Lifecycle;

/// <summary>Canonical lead statuses: the sub-states that tell sales and marketing who acts next.</summary>
public enum LeadStatus
{
    New,
    ActivelyWorking,
    Connected,
    Qualified,
    Nurturing,
    CheckBackQuarterly,
    OpenDeal,
    DeadOpportunity,
    BadFit,
    CurrentCustomer,
    Unqualified,
    Disqualified,
    Recycled,
}
