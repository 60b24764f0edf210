using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.Sweeps;

/// <summary>What a sweep does to one due lead: the system command to apply, and the due date it answers.</summary>
public sealed record SweepAction(SweepKind Sweep, TransitionType Command, DateTimeOffset DueAt)
{
    /// <summary>One id per due occurrence, so an interrupted sweep that runs again never applies it twice.</summary>
    public string CommandId => CommandIds.ForSweep(Sweep, DueAt);
}
