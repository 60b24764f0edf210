namespace LeadFunctions.Domain.Reports;

/// <summary>What the velocity report's cohorts group leads by.</summary>
public enum CohortDimension
{
    /// <summary>The UTC month the lead was created, as yyyy-MM.</summary>
    Month,

    /// <summary>The utm_source of the lead's first form.</summary>
    Source,

    /// <summary>The utm_medium of the lead's first form.</summary>
    Medium,

    /// <summary>The campaign of the lead's first form (for leads stored before that was kept: its first MQL or SQL campaign).</summary>
    Campaign,
}
