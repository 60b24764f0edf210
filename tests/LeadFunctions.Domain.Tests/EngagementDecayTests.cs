using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions.Rules;
using static LeadFunctions.Domain.Tests.Support.Leads;

namespace LeadFunctions.Domain.Tests;

/// <summary>
/// Engagement that stops and decays (issue 16, item 5): a recycled lead silent for the playbook's days is no longer
/// mailed until it raises a hand; a marketing lead's activity halves every half-life, so "high interest" fades.
/// </summary>
public sealed class EngagementDecayTests
{
    private static readonly SweepSchedule Schedule = new(TestData.Default);

    private static DateTimeOffset DueOf(SweepKind sweep, Lead lead) => Schedule.DueDates(lead).Single(d => d.Sweep == sweep).DueAt;

    [Fact]
    public void A_recycled_lead_silent_for_the_playbooks_days_is_suppressed_for_no_engagement()
    {
        var journey = Leads.In(LeadStatus.Recycled);
        var recycledAt = journey.Lead.EnteredStatusAt;

        var early = journey.Do(TransitionType.EngagementLapsed, recycledAt.AddDays(179));
        var lapsed = journey.Must(TransitionType.EngagementLapsed, recycledAt.AddDays(180));

        Assert.Equal(recycledAt.AddDays(180), DueOf(SweepKind.SuppressUnengaged, early.Lead));
        Assert.Equal(RejectionCode.NotDue, early.Audit.RejectionCode);
        Assert.Equal(SuppressionReasons.NoEngagement, lapsed.SuppressedReason);
        Assert.DoesNotContain(Schedule.DueDates(lapsed), d => d.Sweep == SweepKind.SuppressUnengaged);
    }

    [Fact]
    public void Activity_after_recycling_restarts_the_silence_clock()
    {
        var journey = Leads.In(LeadStatus.Recycled);
        var activeAt = journey.Lead.EnteredStatusAt.AddDays(100);

        var lead = journey.Must(TransitionType.ActivityRecorded, activeAt, data: new TransitionData { Points = 1 });

        Assert.Equal(activeAt.AddDays(180), DueOf(SweepKind.SuppressUnengaged, lead));
    }

    [Fact]
    public void A_raised_hand_lifts_a_no_engagement_suppression_and_an_informational_form_does_not()
    {
        var journey = Leads.In(LeadStatus.Recycled);
        var at = journey.Lead.EnteredStatusAt.AddDays(180);
        journey.Must(TransitionType.EngagementLapsed, at);

        var afterWhitepaper = journey.Submit("whitepaper", TestData.GoodFit(), at.AddDays(1), consent: false).Lead;
        var afterPricing = journey.Submit("pricing", TestData.GoodFit(), at.AddDays(2), consent: false).Lead;

        Assert.Equal(SuppressionReasons.NoEngagement, afterWhitepaper.SuppressedReason);
        Assert.Null(afterPricing.SuppressedReason);
    }

    [Fact]
    public void A_raised_hand_does_not_lift_an_unsubscribe()
    {
        var journey = Leads.In(LeadStatus.Recycled);
        journey.Must(TransitionType.Unsubscribed, At(100 * 24));

        var lead = journey.Submit("pricing", TestData.GoodFit(), At(101 * 24), consent: false).Lead;

        Assert.Equal(SuppressionReasons.Unsubscribed, lead.SuppressedReason);
    }

    [Fact]
    public void A_marketing_leads_high_interest_fades_after_the_half_life_arithmetic_says()
    {
        // Low fit keeps it with marketing at high interest: 20 (whitepaper) + 60 points = 80, above 60, below the SQL's 100.
        var journey = LeadJourney.StartWith("whitepaper", TestData.LowFit(), T0);
        var engaged = journey.Must(TransitionType.ActivityRecorded, At(1), data: new TransitionData { Points = 60 });
        var due = DueOf(SweepKind.DecayInterest, engaged);

        var early = journey.Do(TransitionType.InterestDecayed, due.AddMinutes(-1));
        var faded = journey.Must(TransitionType.InterestDecayed, due);

        Assert.Equal((Interest.High, 80, Team.Marketing), (engaged.Interest, engaged.ActivityScore, engaged.OwnerTeam));
        Assert.Equal(At(1) + TimeSpan.FromDays(90 * Math.Log2(80.0 / 60)) + TimeSpan.FromSeconds(1), due);
        Assert.Equal(RejectionCode.NotDue, early.Audit.RejectionCode);
        Assert.Equal((Interest.Low, 59), (faded.Interest, faded.ActivityScore));
        Assert.Equal(Quadrant.LowInterestLowFit, faded.Quadrant);
        Assert.DoesNotContain(Schedule.DueDates(faded), d => d.Sweep == SweepKind.DecayInterest);
    }

    [Fact]
    public void A_lead_with_sales_does_not_decay_and_a_playbook_without_a_half_life_keeps_scores()
    {
        var withSales = Leads.In(LeadStatus.New).Lead;
        var noHalfLife = TestData.Default with { Interest = TestData.Default.Interest with { HalfLifeDays = 0 } };
        var journey = LeadJourney.StartWith("whitepaper", TestData.LowFit(), T0, noHalfLife);
        var engaged = journey.Must(TransitionType.ActivityRecorded, At(1), data: new TransitionData { Points = 60 });

        Assert.DoesNotContain(Schedule.DueDates(withSales), d => d.Sweep == SweepKind.DecayInterest);
        Assert.DoesNotContain(new SweepSchedule(noHalfLife).DueDates(engaged), d => d.Sweep == SweepKind.DecayInterest);
    }
}
