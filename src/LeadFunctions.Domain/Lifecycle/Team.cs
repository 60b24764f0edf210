namespace LeadFunctions.Domain.Lifecycle;

/// <summary>Which team owns the next action on a lead (seed 004: jurisdictions).</summary>
public enum Team
{
    Marketing,
    Sales,
}
