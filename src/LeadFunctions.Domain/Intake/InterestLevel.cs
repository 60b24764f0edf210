using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Intake;

/// <summary>Interest (seed 004): an action-oriented form is a raised hand; otherwise accumulated activity decides.</summary>
public static class InterestLevel
{
    public static Interest Of(bool raisedHand, int activityScore, InterestRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return raisedHand || activityScore >= rules.HighInterestScore ? Interest.High : Interest.Low;
    }
}
