namespace LeadFunctions.Engine.Routing;

/// <summary>The result of setting a rep's availability.</summary>
public enum AvailabilityResult
{
    Saved,
    UnknownRep,
    UntilInThePast,
}
