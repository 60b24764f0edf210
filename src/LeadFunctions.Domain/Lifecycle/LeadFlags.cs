namespace LeadFunctions.Domain.Lifecycle;

/// <summary>Attention flags: raised by the sweeps and by routing; each is cleared when the lead is worked or placed.</summary>
[Flags]
#pragma warning disable CA1711 // "Flags" is the product's own word for these.
public enum LeadFlags
#pragma warning restore CA1711
{
    None = 0,
    CheckBackDue = 1,
    SlaBreached = 2,

    /// <summary>Handed to sales while no rep of its team could take it: it waits in the team's queue.</summary>
    Unassigned = 4,

    /// <summary>Its status's SLA runs out soon (the playbook's warning lead time).</summary>
    SlaWarning = 8,
}
