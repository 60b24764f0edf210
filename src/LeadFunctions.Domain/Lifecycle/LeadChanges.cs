namespace LeadFunctions.Domain.Lifecycle;

/// <summary>The only ways a lead's stage and status change, so stamps always follow.</summary>
public static class LeadChanges
{
    /// <summary>Moves the stage forward; a target behind the current stage is left alone (stages never slide back on their own).</summary>
    public static Lead AdvanceTo(this Lead lead, LifecycleStage target, DateTimeOffset at, string? campaign = null)
        => target > lead.Stage ? lead.MoveStage(target, at, campaign) : lead;

    /// <summary>Moves the stage anywhere; callers guarantee the move is legal (forward, or an explicit regress).</summary>
    public static Lead MoveStage(this Lead lead, LifecycleStage target, DateTimeOffset at, string? campaign = null)
        => target == lead.Stage
            ? lead
            : lead with
            {
                Stage = target,
                StageStamps = StampBook.Move(lead.StageStamps, lead.Stage, target, at),
                Campaigns = lead.Campaigns.OnEntering(target, campaign),
            };

    public static Lead MoveStatus(this Lead lead, LeadStatus target, DateTimeOffset at)
        => target == lead.Status
            ? lead
            : lead with
            {
                Status = target,
                StatusStamps = StampBook.Move(lead.StatusStamps, lead.Status, target, at),
                Flags = target == LeadStatus.New ? lead.Flags : lead.Flags & ~LeadFlags.SlaBreached,
            };

    public static Lead WithFlag(this Lead lead, LeadFlags flag) => lead with { Flags = lead.Flags | flag };

    public static Lead WithoutFlag(this Lead lead, LeadFlags flag) => lead with { Flags = lead.Flags & ~flag };

    public static Lead AssignedTo(this Lead lead, Team team, string? owner) => lead with { OwnerTeam = team, Owner = owner ?? lead.Owner };
}
