namespace LeadFunctions.Domain.Lifecycle;

/// <summary>Attention flags raised by the sweeps; each is cleared when someone works the lead.</summary>
[Flags]
#pragma warning disable CA1711 // "Flags" is the product's own word for these.
public enum LeadFlags
#pragma warning restore CA1711
{
    None = 0,
    CheckBackDue = 1,
    SlaBreached = 2,
}
