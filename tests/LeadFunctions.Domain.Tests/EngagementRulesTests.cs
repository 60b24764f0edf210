using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;
using static LeadFunctions.Domain.Tests.Support.Leads;

namespace LeadFunctions.Domain.Tests;

/// <summary>Marketing-side signals: activity points (seed 003's activity threshold) and opting out.</summary>
public sealed class EngagementRulesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-10)]
    public void Activity_needs_positive_points(int? points)
    {
        var journey = LeadJourney.Nurtured(T0);
        var before = journey.Lead;

        var result = journey.Do(TransitionType.ActivityRecorded, At(1), data: points is null ? null : new TransitionData { Points = points });

        Assert.False(result.Applied);
        Assert.Equal(RejectionCode.MissingData, result.Audit.RejectionCode);
        Assert.Equal(before.AtVersion(2), result.Lead);
    }

    [Fact]
    public void Activity_points_add_up_and_raise_interest()
    {
        var journey = LeadJourney.Nurtured(T0, TestData.Default.WithoutHotHandOff());

        var lead = journey.Must(TransitionType.ActivityRecorded, At(1), data: new TransitionData { Points = 40 });

        Assert.Equal(60, lead.ActivityScore);
        Assert.Equal(Interest.High, lead.Interest);
        Assert.Equal(Quadrant.HighInterestGoodFit, lead.Quadrant);
        Assert.Equal(At(1), lead.LastActivityAt);
        Assert.Equal(LifecycleStage.MQL, lead.Stage);
    }

    [Fact]
    public void Activity_that_makes_a_good_fit_hot_hands_it_to_sales_at_once()
    {
        var journey = LeadJourney.Nurtured(T0);

        var lead = journey.Must(TransitionType.ActivityRecorded, At(1), data: new TransitionData { Points = 40 });

        // 60 points: high interest, still below the 100-point threshold, but "Hot! Hot! Hot!" is handed off immediately.
        Assert.Equal(60, lead.ActivityScore);
        Assert.Equal(Quadrant.HighInterestGoodFit, lead.Quadrant);
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.Equal(At(1), lead.HandedToSalesAt);
    }

    [Fact]
    public void Activity_crossing_the_threshold_moves_an_MQL_to_the_sales_inbox()
    {
        var journey = LeadJourney.Nurtured(T0);

        var lead = journey.Must(TransitionType.ActivityRecorded, At(1), data: new TransitionData { Points = 80 });

        Assert.Equal(100, lead.ActivityScore);
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.Equal(At(1), lead.HandedToSalesAt);
    }

    [Fact]
    public void Activity_crossing_the_threshold_keeps_a_low_fit_lead_in_nurture()
    {
        var journey = LeadJourney.StartWith("whitepaper", TestData.LowFit(), T0);

        var lead = journey.Must(TransitionType.ActivityRecorded, At(1), data: new TransitionData { Points = 200 });

        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Equal(LeadStatus.Nurturing, lead.Status);
        Assert.Null(lead.HandedToSalesAt);
    }

    [Fact]
    public void Activity_never_moves_a_bad_fit()
    {
        var journey = LeadJourney.Nurtured(T0);
        journey.Must(TransitionType.BadFit, At(1));

        var lead = journey.Must(TransitionType.ActivityRecorded, At(2), data: new TransitionData { Points = 500 });

        Assert.Equal(LeadStatus.BadFit, lead.Status);
        Assert.Equal(LifecycleStage.MQL, lead.Stage);
    }

    [Fact]
    public void Activity_on_an_SQL_changes_no_stage_or_status()
    {
        var journey = Leads.In(LeadStatus.Connected);

        var lead = journey.Must(TransitionType.ActivityRecorded, At(2), data: new TransitionData { Points = 500 });

        Assert.Equal(LeadStatus.Connected, lead.Status);
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(550, lead.ActivityScore);
    }

    [Theory]
    [InlineData(TransitionType.Unsubscribed, "unsubscribed")]
    [InlineData(TransitionType.EmailBounced, "email-bounced")]
    public void Opting_out_or_bouncing_suppresses_the_lead(TransitionType type, string reason)
    {
        var journey = LeadJourney.Nurtured(T0);

        var lead = journey.Must(type, At(1));

        Assert.True(lead.Suppressed);
        Assert.Equal(reason, lead.SuppressedReason);
        Assert.Equal(LeadStatus.Nurturing, lead.Status);
        Assert.Equal(LifecycleStage.MQL, lead.Stage);
    }

    [Fact]
    public void The_first_suppression_reason_is_kept()
    {
        var journey = LeadJourney.Nurtured(T0);
        journey.Must(TransitionType.EmailBounced, At(1));

        Assert.Equal("email-bounced", journey.Must(TransitionType.Unsubscribed, At(2)).SuppressedReason);
    }
}
