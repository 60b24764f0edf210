using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;
using static LeadFunctions.Domain.Tests.Support.Leads;

namespace LeadFunctions.Domain.Tests;

/// <summary>Seed 003: informational form -> MQL, action-oriented form -> SQL; a known person is updated, never duplicated.</summary>
public sealed class FormSubmissionRuleTests
{
    [Fact]
    public void New_person_with_informational_form_becomes_a_nurtured_MQL()
    {
        var journey = new LeadJourney();

        var result = journey.Submit("whitepaper", TestData.GoodFit(), T0);

        var lead = result.Lead;
        Assert.True(result.Applied);
        Assert.Equal(LeadJourney.LeadId, lead.Id);
        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Equal(LeadStatus.Nurturing, lead.Status);
        Assert.Equal(Team.Marketing, lead.OwnerTeam);
        Assert.Null(lead.Owner);
        Assert.Equal(Fit.Good, lead.Fit);
        Assert.Equal(100, lead.FitScore);
        Assert.Equal(Interest.Low, lead.Interest);
        Assert.Equal(Quadrant.LowInterestGoodFit, lead.Quadrant);
        Assert.Equal(20, lead.ActivityScore);
        Assert.Equal(LeadFlags.None, lead.Flags);
        Assert.Equal([LifecycleStage.MQL], lead.StageStamps.Keys);
        Assert.Equal(Stamp.EnteredAt(T0), lead.StageStamps[LifecycleStage.MQL]);
        Assert.Equal([LeadStatus.Nurturing], lead.StatusStamps.Keys);
        Assert.Equal(Stamp.EnteredAt(T0), lead.StatusStamps[LeadStatus.Nurturing]);
        Assert.Equal(new CampaignStamps("content-whitepaper", "content-whitepaper", null, null, new LeadOrigin("content-whitepaper", null, null)), lead.Campaigns);
        Assert.Equal(T0, lead.CreatedAt);
        Assert.Equal(T0, lead.LastActivityAt);
        Assert.Null(lead.HandedToSalesAt);
        Assert.Null(lead.LastContactAt);
        Assert.Equal("whitepaper", lead.LastFormId);
        Assert.True(lead.Consent);
        Assert.False(lead.Suppressed);
        Assert.Equal(1, lead.Version);
        Assert.Equal(TestData.GoodFit(), lead.Person);
    }

    [Fact]
    public void Creation_is_audited_with_no_from_state()
    {
        var journey = new LeadJourney();

        var audit = journey.Submit("whitepaper", TestData.GoodFit(), T0).Audit;

        Assert.Equal(OutcomeKind.Applied, audit.Outcome);
        Assert.Null(audit.RejectionCode);
        Assert.Equal(TransitionType.FormSubmitted, audit.Type);
        Assert.Equal("form:whitepaper", audit.Actor);
        Assert.Null(audit.FromStage);
        Assert.Null(audit.FromStatus);
        Assert.Equal(LifecycleStage.MQL, audit.ToStage);
        Assert.Equal(LeadStatus.Nurturing, audit.ToStatus);
        Assert.Equal(T0, audit.OccurredAt);
        Assert.Equal(T0.AddSeconds(1), audit.RecordedAt);
        Assert.Equal(1, audit.Sequence);
    }

    [Theory]
    [InlineData("whitepaper", "spring-utm", "spring-utm")]
    [InlineData("whitepaper", null, "content-whitepaper")]
    [InlineData("ebook", "spring-utm", "spring-utm")]
    [InlineData("ebook", null, "website")]
    public void MQL_campaign_comes_from_utm_then_form_then_playbook(string formId, string? utm, string expected)
    {
        var journey = new LeadJourney(TestData.Default.WithUncampaignedForm("ebook"));

        var lead = journey.Submit(formId, TestData.GoodFit(), T0, utm).Lead;

        Assert.Equal(new CampaignStamps(expected, expected, null, null, new LeadOrigin(expected, null, null)), lead.Campaigns);
    }

    [Fact]
    public void New_good_fit_person_with_action_form_starts_in_the_sales_inbox()
    {
        var journey = new LeadJourney();

        var lead = journey.Submit("pricing", TestData.GoodFit(), T0).Lead;

        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.Equal(Interest.High, lead.Interest);
        Assert.Equal(Quadrant.HighInterestGoodFit, lead.Quadrant);
        Assert.Equal(50, lead.ActivityScore);
        Assert.Equal(T0, lead.HandedToSalesAt);
        Assert.Equal(1, lead.Version);
    }

    [Fact]
    public void New_hand_raiser_never_sat_in_MQL_so_only_SQL_is_stamped()
    {
        var lead = new LeadJourney().Submit("pricing", TestData.GoodFit(), T0).Lead;

        Assert.Equal([LifecycleStage.SQL], lead.StageStamps.Keys);
        Assert.Equal(Stamp.EnteredAt(T0), lead.StageStamps[LifecycleStage.SQL]);
        Assert.Equal([LeadStatus.New], lead.StatusStamps.Keys);
        Assert.Equal(Stamp.EnteredAt(T0), lead.StatusStamps[LeadStatus.New]);
        Assert.Equal(new CampaignStamps(null, null, "pricing", "pricing", new LeadOrigin("pricing", null, null)), lead.Campaigns);
    }

    [Fact]
    public void SQL_campaign_prefers_the_utm_campaign()
    {
        var lead = new LeadJourney().Submit("demo-request", TestData.GoodFit(), T0, "utm-demo-week").Lead;

        Assert.Equal(new CampaignStamps(null, null, "utm-demo-week", "utm-demo-week", new LeadOrigin("utm-demo-week", null, null)), lead.Campaigns);
    }

    [Fact]
    public void Low_fit_hand_raiser_is_kept_out_of_the_sales_inbox()
    {
        var lead = new LeadJourney().Submit("pricing", TestData.LowFit(), T0).Lead;

        Assert.Equal(LifecycleStage.MQL, lead.Stage);
        Assert.Equal(LeadStatus.Nurturing, lead.Status);
        Assert.Equal(Team.Marketing, lead.OwnerTeam);
        Assert.Equal(Fit.Low, lead.Fit);
        Assert.Equal(Interest.High, lead.Interest);
        Assert.Equal(Quadrant.HighInterestLowFit, lead.Quadrant);
        Assert.Null(lead.HandedToSalesAt);
        Assert.Equal([LifecycleStage.MQL], lead.StageStamps.Keys);
        Assert.Equal(new CampaignStamps("pricing", "pricing", null, null, new LeadOrigin("pricing", null, null)), lead.Campaigns);
    }

    [Fact]
    public void Low_fit_hand_raiser_goes_to_sales_when_the_playbook_lets_them_in()
    {
        var journey = new LeadJourney(TestData.Default.LettingLowFitHandRaisersIn());

        var lead = journey.Submit("pricing", TestData.LowFit(), T0).Lead;

        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.Equal(Quadrant.HighInterestLowFit, lead.Quadrant);
        Assert.Equal(T0, lead.HandedToSalesAt);
    }

    [Fact]
    public void Known_person_second_submission_updates_the_same_lead()
    {
        var journey = LeadJourney.Nurtured(T0);
        var first = journey.Lead;

        var result = journey.Submit("webinar", new Person(first.Person.Email, JobTitle: "Director of IT", Phone: "+44 20 7946 0000"), At(24));

        var lead = result.Lead;
        Assert.True(result.Applied);
        Assert.Equal(first.Id, lead.Id);
        Assert.Equal(2, lead.Version);
        Assert.Equal(20 + 30, lead.ActivityScore);
        Assert.Equal(At(24), lead.LastActivityAt);
        Assert.Equal(T0, lead.CreatedAt);
        Assert.Equal("webinar", lead.LastFormId);
        Assert.Equal(first.StageStamps, lead.StageStamps);
        Assert.Equal(first.Campaigns, lead.Campaigns);
        Assert.Equal(new Person("jane.doe@acme.example", "Jane", "Doe", "Acme", "Director of IT", "+44 20 7946 0000", "US", 250), lead.Person);
    }

    [Fact]
    public void Known_person_fields_are_never_blanked_by_a_sparse_submission()
    {
        var journey = LeadJourney.Nurtured(T0);

        var lead = journey.Submit("newsletter", new Person("jane.doe@acme.example"), At(1)).Lead;

        Assert.Equal(TestData.GoodFit(), lead.Person);
    }

    [Fact]
    public void Fit_is_rescored_from_the_merged_person()
    {
        var journey = LeadJourney.StartWith("newsletter", new Person("ann@corp.example"), T0);
        Assert.Equal(Fit.Low, journey.Lead.Fit);

        var lead = journey.Submit("newsletter", new Person("ann@corp.example", Country: "CA", Employees: 80), At(1)).Lead;

        Assert.Equal(30 + 20 + 30, lead.FitScore);
        Assert.Equal(Fit.Good, lead.Fit);
        Assert.Equal(Quadrant.LowInterestGoodFit, lead.Quadrant);
    }

    [Fact]
    public void Informational_forms_accumulate_points_until_the_SQL_threshold()
    {
        var journey = LeadJourney.StartWith("webinar", TestData.GoodFit(), T0, TestData.Default.WithoutHotHandOff());
        journey.Submit("webinar", TestData.GoodFit(), At(24));
        var beforeThreshold = journey.Submit("webinar", TestData.GoodFit(), At(48)).Lead;
        Assert.Equal(90, beforeThreshold.ActivityScore);
        Assert.Equal(LifecycleStage.MQL, beforeThreshold.Stage);
        Assert.Equal(LeadStatus.Nurturing, beforeThreshold.Status);
        Assert.Equal(Interest.High, beforeThreshold.Interest);

        var lead = journey.Submit("webinar", TestData.GoodFit(), At(72), "utm-webinar-series").Lead;

        Assert.Equal(120, lead.ActivityScore);
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.Equal(At(72), lead.HandedToSalesAt);
        Assert.Equal(new CampaignStamps("webinar", "webinar", "utm-webinar-series", "utm-webinar-series", new LeadOrigin("webinar", null, null)), lead.Campaigns);
        Assert.False(lead.StageStamps[LifecycleStage.MQL].IsOpen);
        Assert.Equal(TimeSpan.FromHours(72), lead.StageStamps[LifecycleStage.MQL].TimeInClosedVisits);
        Assert.Equal(Stamp.EnteredAt(At(72)), lead.StageStamps[LifecycleStage.SQL]);
        Assert.Equal(4, lead.Version);
    }

    [Fact]
    public void Informational_forms_that_make_a_good_fit_hot_hand_it_to_sales_before_the_threshold()
    {
        var journey = LeadJourney.StartWith("webinar", TestData.GoodFit(), T0);

        var lead = journey.Submit("webinar", TestData.GoodFit(), At(24)).Lead;

        Assert.Equal(60, lead.ActivityScore);
        Assert.Equal(Quadrant.HighInterestGoodFit, lead.Quadrant);
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(At(24), lead.HandedToSalesAt);
    }

    [Fact]
    public void Action_form_from_a_nurtured_MQL_hands_the_lead_to_sales()
    {
        var journey = LeadJourney.Nurtured(T0);

        var lead = journey.Submit("contact-us", TestData.GoodFit(), At(5)).Lead;

        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.Equal(At(5), lead.HandedToSalesAt);
        Assert.Equal(new CampaignStamps("content-whitepaper", "content-whitepaper", "contact-us", "contact-us", new LeadOrigin("content-whitepaper", null, null)), lead.Campaigns);
        Assert.Equal(new Stamp(T0, T0, At(5), TimeSpan.FromHours(5), IsOpen: false), lead.StageStamps[LifecycleStage.MQL]);
        Assert.Equal(Stamp.EnteredAt(At(5)), lead.StageStamps[LifecycleStage.SQL]);
        Assert.Equal(new Stamp(T0, T0, At(5), TimeSpan.FromHours(5), IsOpen: false), lead.StatusStamps[LeadStatus.Nurturing]);
        Assert.Equal(Stamp.EnteredAt(At(5)), lead.StatusStamps[LeadStatus.New]);
    }

    [Theory]
    [InlineData(LeadStatus.Recycled)]
    [InlineData(LeadStatus.Disqualified)]
    [InlineData(LeadStatus.CheckBackQuarterly)]
    [InlineData(LeadStatus.DeadOpportunity)]
    public void Action_form_from_a_cold_or_lost_lead_puts_it_back_in_the_sales_inbox(LeadStatus status)
    {
        var journey = Leads.In(status);
        var stage = journey.Lead.Stage;
        var at = At(300 * 24);

        var lead = journey.Submit("pricing", TestData.GoodFit(), at, "utm-comeback").Lead;

        Assert.Equal(LeadStatus.New, lead.Status);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.Equal(at, lead.HandedToSalesAt);
        Assert.True(lead.Stage >= LifecycleStage.SQL);
        Assert.Equal(stage, lead.Stage);
        Assert.Equal("utm-comeback", lead.Campaigns.SqlLast);
        Assert.Equal("pricing", lead.Campaigns.SqlFirst);
        var inbox = lead.StatusStamps[LeadStatus.New];
        Assert.Equal(T0, inbox.FirstEnteredAt);
        Assert.Equal(at, inbox.LastEnteredAt);
        Assert.True(inbox.IsOpen);
        Assert.False(lead.StatusStamps[status].IsOpen);
    }

    [Theory]
    [InlineData(LeadStatus.CurrentCustomer)]
    [InlineData(LeadStatus.BadFit)]
    public void Action_form_never_puts_customers_or_bad_fits_back_in_a_sales_queue(LeadStatus status)
    {
        var journey = Leads.In(status);
        var before = journey.Lead;

        var result = journey.Submit("pricing", TestData.GoodFit(), At(300 * 24));

        Assert.True(result.Applied);
        Assert.Equal(before.Status, result.Lead.Status);
        Assert.Equal(before.Stage, result.Lead.Stage);
        Assert.Equal(before.OwnerTeam, result.Lead.OwnerTeam);
        Assert.Equal(before.HandedToSalesAt, result.Lead.HandedToSalesAt);
        Assert.Equal(before.StatusStamps, result.Lead.StatusStamps);
        Assert.Equal(before.ActivityScore + 50, result.Lead.ActivityScore);
        Assert.Equal(before.Version + 1, result.Lead.Version);
    }

    [Fact]
    public void A_later_form_does_not_overrule_a_reps_bad_fit_verdict()
    {
        var journey = Leads.In(LeadStatus.BadFit);

        var lead = journey.Submit("pricing", TestData.GoodFit(), At(300 * 24)).Lead;

        Assert.Equal(Fit.Low, lead.Fit);
        Assert.NotEqual(Quadrant.HighInterestGoodFit, lead.Quadrant);
    }

    [Theory]
    [InlineData(LeadStatus.ActivelyWorking)]
    [InlineData(LeadStatus.Connected)]
    [InlineData(LeadStatus.OpenDeal)]
    public void Action_form_from_a_lead_sales_is_working_does_not_reset_its_status(LeadStatus status)
    {
        var journey = Leads.In(status);
        var before = journey.Lead;

        var lead = journey.Submit("pricing", TestData.GoodFit(), At(10)).Lead;

        Assert.Equal(before.Status, lead.Status);
        Assert.Equal(before.Stage, lead.Stage);
        Assert.Equal(before.HandedToSalesAt, lead.HandedToSalesAt);
    }

    [Theory]
    [InlineData(LeadStatus.ActivelyWorking)]
    [InlineData(LeadStatus.Connected)]
    public void Action_form_from_an_MQL_a_rep_is_working_advances_the_stage_but_keeps_the_reps_work(LeadStatus status)
    {
        var journey = LeadJourney.Nurtured(T0);
        journey.Must(TransitionType.FirstOutreachSent, At(1));
        if (status == LeadStatus.Connected)
        {
            journey.Must(TransitionType.ContactMade, At(2));
        }

        var before = journey.Lead;
        Assert.Equal((LifecycleStage.MQL, status, "rep-ann"), (before.Stage, before.Status, before.Owner));

        var lead = journey.Submit("pricing", TestData.GoodFit(), At(5)).Lead;

        Assert.Equal(status, lead.Status);
        Assert.Equal("rep-ann", lead.Owner);
        Assert.Equal(Team.Sales, lead.OwnerTeam);
        Assert.Equal(before.HandedToSalesAt, lead.HandedToSalesAt);
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
        Assert.Equal(Stamp.EnteredAt(At(5)), lead.StageStamps[LifecycleStage.SQL]);
        Assert.Equal("pricing", lead.Campaigns.SqlLast);
    }

    [Fact]
    public void Action_form_from_a_worked_lead_moved_back_to_MQL_keeps_its_no_contact_clock()
    {
        var journey = LeadJourney.InSalesInbox(T0);
        journey.Must(TransitionType.FirstOutreachSent, At(1));
        journey.Must(TransitionType.Regress, At(2), "not ready yet", new TransitionData { ToStage = LifecycleStage.MQL });

        var lead = journey.Submit("demo-request", TestData.GoodFit(), At(5)).Lead;

        Assert.Equal(LeadStatus.ActivelyWorking, lead.Status);
        Assert.Equal("rep-ann", lead.Owner);
        Assert.Equal(T0, lead.HandedToSalesAt);
        Assert.Equal(LifecycleStage.SQL, lead.Stage);
    }

    [Fact]
    public void Unknown_form_on_a_known_lead_is_rejected()
    {
        var journey = LeadJourney.Nurtured(T0);
        var before = journey.Lead;

        var result = journey.Submit("no-such-form", TestData.GoodFit(), At(1));

        Assert.False(result.Applied);
        Assert.Equal(RejectionCode.UnknownForm, result.Audit.RejectionCode);
        Assert.Equal(before.AtVersion(2), result.Lead);
    }

    [Fact]
    public void Form_command_without_a_submission_is_rejected()
    {
        var journey = LeadJourney.Nurtured(T0);

        var result = journey.Do(TransitionType.FormSubmitted, At(1));

        Assert.Equal(RejectionCode.UnknownForm, result.Audit.RejectionCode);
    }

    [Fact]
    public void Unknown_form_for_a_new_person_is_refused_with_an_argument_error()
    {
        // With no stored lead there is nothing to return as "unchanged"; the machine must say why, not dereference null.
        var machine = new StateMachine(TestData.Default);
        var command = TestData.Form("no-such-form", TestData.GoodFit(), T0);

        Assert.False(machine.CanCreateLead(command));
        Assert.Throws<ArgumentException>(() => machine.Apply("lead-new", null, command, T0));
    }

    [Fact]
    public void Only_a_known_form_submission_can_create_a_lead()
    {
        var machine = new StateMachine(TestData.Default);

        Assert.True(machine.CanCreateLead(TestData.Form("whitepaper", TestData.GoodFit(), T0)));
        Assert.False(machine.CanCreateLead(TestData.Command(TransitionType.FormSubmitted, T0)));
        Assert.False(machine.CanCreateLead(TestData.Command(TransitionType.ContactMade, T0)));
    }

    [Fact]
    public void Consent_on_a_later_form_resubscribes_an_unsubscribed_lead()
    {
        var journey = LeadJourney.Nurtured(T0);
        journey.Must(TransitionType.Unsubscribed, At(1));

        var withoutConsent = journey.Submit("newsletter", TestData.GoodFit(), At(2), consent: false).Lead;
        Assert.True(withoutConsent.Suppressed);

        var lead = journey.Submit("newsletter", TestData.GoodFit(), At(3), consent: true).Lead;
        Assert.False(lead.Suppressed);
    }

    [Fact]
    public void Consent_never_clears_a_bounce()
    {
        var journey = LeadJourney.Nurtured(T0);
        journey.Must(TransitionType.EmailBounced, At(1));

        var lead = journey.Submit("newsletter", TestData.GoodFit(), At(2), consent: true).Lead;

        Assert.Equal("email-bounced", lead.SuppressedReason);
    }

    [Fact]
    public void Consent_once_given_is_kept()
    {
        var journey = LeadJourney.Nurtured(T0);

        Assert.True(journey.Submit("newsletter", TestData.GoodFit(), At(1), consent: false).Lead.Consent);
    }

    [Fact]
    public void High_interest_is_not_lost_by_a_later_informational_form()
    {
        var journey = LeadJourney.StartWith("pricing", TestData.LowFit(), T0);

        var lead = journey.Submit("newsletter", TestData.LowFit(), At(1)).Lead;

        Assert.Equal(Interest.High, lead.Interest);
    }

    [Fact]
    public void Late_reported_submission_does_not_move_last_activity_back()
    {
        var journey = LeadJourney.Nurtured(At(10));

        Assert.Equal(At(10), journey.Submit("newsletter", TestData.GoodFit(), At(5)).Lead.LastActivityAt);
    }
}
