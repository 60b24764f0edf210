using System.Collections.Immutable;

namespace LeadFunctions.Domain.Transitions;

/// <summary>The event types accepted from outside, in declaration order, with what each rule reads from the event.</summary>
public static class ExternalEventTypes
{
    public static readonly ImmutableArray<ExternalEventType> All = [.. Enum.GetValues<TransitionType>().Where(t => t.IsExternal()).Select(Describe)];

    public static readonly ImmutableArray<string> Names = [.. All.Select(e => e.Type.ToString())];

    private static ExternalEventType Describe(TransitionType type) => type switch
    {
        // EngagementRules.ActivityRecorded: points above zero.
        TransitionType.ActivityRecorded => new(type, ["points"], ["reason"]),

        // StageRules: the target stage, and a reason for going backwards.
        TransitionType.StageAdvanced => new(type, ["toStage"], ["toStatus", "reason"]),
        TransitionType.Regress => new(type, ["toStage", "reason"], ["toStatus"]),

        // OutreachRules.CheckBackLater: the playbook's checkBackMonths when no date is given.
        TransitionType.CheckBackLater => new(type, [], ["checkBackAt", "reason"]),
        // DealRules: the CRM's deal id, kept on the lead and in the command's audit line.
        TransitionType.DealCreated or TransitionType.DealWon or TransitionType.DealLost => new(type, [], ["dealId", "reason"]),
        // StatusRules.Set: the status's canonical name, built-in or the playbook's own.
        TransitionType.StatusSet => new(type, ["status"], ["reason"]),
        // RoutingRules.Reassigned: a manual reassignment says to whom and why.
        TransitionType.Reassigned => new(type, ["owner", "reason"], []),
        _ => new(type, [], ["reason"]),
    };
}
