namespace LeadFunctions.Domain.LeadImports;

/// <summary>
/// Where an uploaded list of people came from, which decides where each new person starts: bought or syndicated lists
/// are marketing's to nurture, research and a rep's own finds are sales-ready, and the CRM's customers are never worked
/// as new leads.
/// </summary>
public enum ImportSource
{
    /// <summary>purchased-list: a bought or syndicated list; new people start as MQL / Nurturing.</summary>
    PurchasedList,

    /// <summary>research: a vertical-research upload; new people start as SQL / New and are routed to a rep.</summary>
    Research,

    /// <summary>customers: the CRM's customers; they become Customer / Current Customer.</summary>
    Customers,

    /// <summary>manual: a rep's own leads; SQL / New, owned by the rep named in the row's owner column.</summary>
    Manual,
}
