namespace LeadFunctions.Domain.Playbooks;

/// <summary>What happens to a lead whose status SLA runs out, besides the <c>SlaBreached</c> flag.</summary>
public enum SlaBreachAction
{
    /// <summary>The next available rep of the lead's team gets it; the rep who let it run out is passed over.</summary>
    Reassign,

    /// <summary>The team's manager becomes the owner; the manager's own clock does not escalate it again.</summary>
    Escalate,

    /// <summary>Flag only: the rep keeps the lead.</summary>
    None,
}
