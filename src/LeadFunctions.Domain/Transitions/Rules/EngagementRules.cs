using LeadFunctions.Domain.Intake;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Transitions.Rules;

/// <summary>Marketing-side signals: activity points, and opting out of e-mail.</summary>
internal static class EngagementRules
{
    /// <summary>
    /// Seed 003: an MQL that hits the activity threshold becomes an SQL; seed 004: so does one whose activity makes it
    /// a quadrant the playbook hands off at once (by default "Hot! Hot! Hot!", high interest and good fit).
    /// </summary>
    public static Decision ActivityRecorded(Lead lead, TransitionCommand command, Playbook playbook)
    {
        if (command.Payload.Points is not { } points || points <= 0)
        {
            return Decision.Reject(RejectionCode.MissingData);
        }

        var at = command.OccurredAt;
        var activity = lead.ActivityScore + points;
        var interest = InterestLevel.Of(raisedHand: false, activity, playbook.Interest);
        var engaged = lead.RecordedActivity(activity, interest, at);

        var crossed = engaged.Stage < LifecycleStage.SQL
            && (activity >= playbook.Thresholds.ActivityPointsForSql || QuadrantDefinition.HandsOff(playbook, engaged.Quadrant))
            && engaged.Status is not (LeadStatus.BadFit or LeadStatus.CurrentCustomer);
        return Decision.To(crossed ? SalesRouting.HandRaise(engaged, playbook, at, campaign: null) : engaged);
    }

    /// <summary>Seed 003: a lead that opts out or bounces is never pulled into re-engagement again.</summary>
    public static Decision Suppress(Lead lead, TransitionCommand command)
    {
        var reason = command.Type == TransitionType.EmailBounced ? SuppressionReasons.EmailBounced : SuppressionReasons.Unsubscribed;
        return Decision.To(lead.SuppressedFor(reason));
    }
}
