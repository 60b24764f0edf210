using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.Tests.Support;

/// <summary>Leads brought to a given status through the state machine itself, starting at <see cref="TestData.Monday"/>.</summary>
internal static class Leads
{
    public static DateTimeOffset T0 => TestData.Monday;

    public static DateTimeOffset At(double hours) => T0.AddHours(hours);

    /// <summary>A journey whose lead is in <paramref name="status"/>; the last command happened at or before <c>At(200 * 24)</c>.</summary>
    public static LeadJourney In(LeadStatus status)
    {
        var journey = LeadJourney.InSalesInbox(T0);
        switch (status)
        {
            case LeadStatus.New:
                break;
            case LeadStatus.ActivelyWorking:
                journey.Must(TransitionType.FirstOutreachSent, At(1));
                break;
            case LeadStatus.Connected:
                journey.Must(TransitionType.ContactMade, At(1));
                break;
            case LeadStatus.Qualified:
                journey.Must(TransitionType.Qualified, At(1));
                break;
            case LeadStatus.Nurturing:
                journey = LeadJourney.Nurtured(T0);
                break;
            case LeadStatus.CheckBackQuarterly:
                journey.Must(TransitionType.CheckBackLater, At(1));
                break;
            case LeadStatus.OpenDeal:
                journey.Must(TransitionType.ContactMade, At(1));
                journey.Must(TransitionType.DealCreated, At(2));
                break;
            case LeadStatus.DeadOpportunity:
                journey.Must(TransitionType.ContactMade, At(1));
                journey.Must(TransitionType.DealCreated, At(2));
                journey.Must(TransitionType.DealLost, At(3));
                break;
            case LeadStatus.BadFit:
                journey.Must(TransitionType.BadFit, At(1));
                break;
            case LeadStatus.CurrentCustomer:
                journey.Must(TransitionType.ContactMade, At(1));
                journey.Must(TransitionType.DealCreated, At(2));
                journey.Must(TransitionType.DealWon, At(3));
                break;
            case LeadStatus.Unqualified:
                journey.Must(TransitionType.StageAdvanced, At(1), data: new TransitionData { ToStage = LifecycleStage.Opportunity, ToStatus = LeadStatus.Unqualified });
                break;
            case LeadStatus.Disqualified:
                // A good fit that says no is nurtured under the default playbook; without that choice it is disqualified.
                journey = LeadJourney.InSalesInbox(T0, TestData.Default.WithoutNotInterestedStatuses());
                journey.Must(TransitionType.NotInterested, At(1));
                break;
            case LeadStatus.Recycled:
                journey.Must(TransitionType.FirstOutreachSent, At(1));
                journey.Must(TransitionType.WentDark, At(1 + (90 * 24)));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, null);
        }

        Assert.Equal(status, journey.Lead.Status);
        return journey;
    }
}
