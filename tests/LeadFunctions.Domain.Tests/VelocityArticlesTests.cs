using System.Collections.Immutable;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Reports;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;
using static LeadFunctions.Domain.Tests.Support.Leads;

namespace LeadFunctions.Domain.Tests;

/// <summary>Issue 16, item 3: creation steps, status pairs, MQL acceptance, cohorts, per-lead mid-funnel age, first-touch origin.</summary>
public sealed class VelocityArticlesTests
{
    [Fact]
    public void Creation_steps_count_from_the_lead_s_creation_to_its_first_entry_into_the_stage()
    {
        var nurtured = LeadJourney.StartWith("whitepaper", TestData.GoodFit("n@acme-corp.com"), T0);
        nurtured.Must(TransitionType.OwnershipTransferRequested, At(10));
        var handRaiser = LeadJourney.StartWith("pricing", TestData.GoodFit("h@acme-corp.com"), At(5));
        var stuck = LeadJourney.StartWith("whitepaper", TestData.GoodFit("s@acme-corp.com"), T0);

        var report = Velocity.Compute([nurtured.Lead, handRaiser.Lead, stuck.Lead], At(100));

        var toMql = report.FromCreated.Single(s => s.To == LifecycleStage.MQL);
        Assert.Equal((3, 2), (toMql.Created, toMql.Reached));
        Assert.Equal(TimeSpan.Zero, toMql.P90);
        var toSql = report.FromCreated.Single(s => s.To == LifecycleStage.SQL);
        Assert.Equal((3, 2, 0.6667), (toSql.Created, toSql.Reached, toSql.Rate));
        Assert.Equal(TimeSpan.Zero, toSql.Median);
        Assert.Equal(TimeSpan.FromHours(10), toSql.P90);
    }

    [Fact]
    public void Status_pairs_are_consecutive_first_entries_with_the_time_between_them()
    {
        var won = LeadJourney.InSalesInbox(T0);
        won.Must(TransitionType.FirstOutreachSent, At(2));
        won.Must(TransitionType.ContactMade, At(6));
        won.Must(TransitionType.DealCreated, At(30));
        won.Must(TransitionType.DealWon, At(100));
        var slower = LeadJourney.InSalesInbox(T0);
        slower.Must(TransitionType.FirstOutreachSent, At(4));
        slower.Must(TransitionType.ContactMade, At(10));

        var report = Velocity.Compute([won.Lead, slower.Lead], At(200));

        var outreach = report.StatusPairs.Single(p => p.From == nameof(LeadStatus.New) && p.To == nameof(LeadStatus.ActivelyWorking));
        Assert.Equal((2, TimeSpan.FromHours(2), TimeSpan.FromHours(4)), (outreach.Leads, outreach.Median, outreach.P90));
        var contact = report.StatusPairs.Single(p => p.From == nameof(LeadStatus.ActivelyWorking) && p.To == nameof(LeadStatus.Connected));
        Assert.Equal((2, TimeSpan.FromHours(4), TimeSpan.FromHours(6)), (contact.Leads, contact.Median, contact.P90));
        var close = report.StatusPairs.Single(p => p.From == nameof(LeadStatus.OpenDeal) && p.To == nameof(LeadStatus.CurrentCustomer));
        Assert.Equal((1, TimeSpan.FromHours(70)), (close.Leads, close.Median));
        Assert.DoesNotContain(report.StatusPairs, p => p.From == nameof(LeadStatus.New) && p.To == nameof(LeadStatus.Connected));
        Assert.Equal(TimeSpan.FromHours(30), report.Steps.Single(s => s.From == LifecycleStage.SQL && s.To == LifecycleStage.Opportunity).Median);
        Assert.Equal(TimeSpan.FromHours(70), report.Steps.Single(s => s.From == LifecycleStage.Opportunity && s.To == LifecycleStage.Customer).Median);
    }

    [Fact]
    public void Mql_acceptance_counts_mqls_that_reached_sql_and_ignores_leads_that_started_in_sql()
    {
        var accepted = LeadJourney.StartWith("whitepaper", TestData.GoodFit("a@acme-corp.com"), T0);
        accepted.Must(TransitionType.OwnershipTransferRequested, At(10));
        var waiting = LeadJourney.StartWith("whitepaper", TestData.GoodFit("w@acme-corp.com"), T0);
        var handRaiser = LeadJourney.InSalesInbox(T0);

        var report = Velocity.Compute([accepted.Lead, waiting.Lead, handRaiser.Lead], At(100));

        Assert.Equal(new MqlAcceptance(2, 1, 0.5), report.MqlAcceptance);
    }

    [Fact]
    public void A_lead_keeps_the_source_medium_and_campaign_of_its_first_form()
    {
        var journey = new LeadJourney();
        journey.Apply(Form("whitepaper", "Google", "cpc", T0));
        journey.Apply(Form("whitepaper", "linkedin", "social", At(5)));

        Assert.Equal("Google", journey.Lead.Campaigns.Origin?.Source);
        Assert.Equal("cpc", journey.Lead.Campaigns.Origin?.Medium);
        Assert.NotNull(journey.Lead.Campaigns.Origin?.Campaign);
    }

    [Fact]
    public void A_hand_raiser_who_starts_in_sql_keeps_its_origin()
    {
        var journey = new LeadJourney();
        journey.Apply(Form("pricing", "bing", "cpc", T0));

        Assert.Equal(LifecycleStage.SQL, journey.Lead.Stage);
        Assert.Equal(new LeadOrigin(journey.Lead.Campaigns.SqlFirst, "bing", "cpc"), journey.Lead.Campaigns.Origin);
    }

    [Fact]
    public void Cohorts_group_by_source_case_blind_and_leads_without_an_origin_fall_under_none()
    {
        var google = new LeadJourney();
        google.Apply(Form("whitepaper", "Google", "cpc", T0, "g1@acme-corp.com"));
        google.Must(TransitionType.OwnershipTransferRequested, At(10));
        var google2 = new LeadJourney();
        google2.Apply(Form("whitepaper", "google ", "cpc", T0, "g2@acme-corp.com"));
        var unknown = LeadJourney.StartWith("whitepaper", TestData.GoodFit("u@acme-corp.com"), T0);

        var report = Velocity.Compute([google.Lead, google2.Lead, unknown.Lead], At(100), cohort: CohortDimension.Source);

        Assert.Equal(CohortDimension.Source, report.Cohort);
        Assert.Equal(["google", VelocityFacts.Unknown], report.Cohorts!.Select(c => c.Key));
        var g = report.Cohorts![0];
        Assert.Equal((2, new MqlAcceptance(2, 1, 0.5)), (g.Leads, g.MqlAcceptance));
        Assert.Equal(TimeSpan.FromHours(10), g.Steps.Single(s => s.From == LifecycleStage.MQL && s.To == LifecycleStage.SQL).Median);
    }

    [Fact]
    public void Month_cohorts_are_the_utc_month_of_creation_in_calendar_order()
    {
        var march = LeadJourney.StartWith("whitepaper", TestData.GoodFit("m@acme-corp.com"), T0);
        var january = LeadJourney.StartWith("whitepaper", TestData.GoodFit("j@acme-corp.com"), new DateTimeOffset(2026, 1, 31, 23, 30, 0, TimeSpan.FromHours(-2)));

        var report = Velocity.Compute([march.Lead, january.Lead], At(100), cohort: CohortDimension.Month);

        Assert.Equal(["2026-02", "2026-03"], report.Cohorts!.Select(c => c.Key));
        Assert.Null(Velocity.Compute([march.Lead], At(100)).Cohorts);
    }

    [Fact]
    public void Campaign_cohort_falls_back_to_the_first_mql_campaign_for_leads_stored_before_the_origin()
    {
        var lead = LeadJourney.StartWith("whitepaper", TestData.GoodFit(), T0, campaign: "spring-webinar").Lead;
        var old = Restored(lead, lead.Campaigns with { Origin = null });

        Assert.Equal("spring-webinar", VelocityFacts.Of(old).Campaign);
        Assert.Equal(VelocityFacts.Unknown, VelocityFacts.Of(old).Source);
    }

    [Fact]
    public void Cohorts_beyond_the_largest_fifty_are_folded_into_other()
    {
        var facts = Enumerable.Range(0, Velocity.MaxCohorts + 5)
            .Select(i => Facts($"source-{i:D2}"))
            .Append(Facts("source-00"))
            .ToList();

        var report = Velocity.FromFacts(facts, At(100), cohort: CohortDimension.Source);

        Assert.Equal(Velocity.MaxCohorts + 1, report.Cohorts!.Count);
        Assert.Equal(("source-00", 2), (report.Cohorts[0].Key, report.Cohorts[0].Leads));
        Assert.Equal((Velocity.OtherCohort, 5), (report.Cohorts[^1].Key, report.Cohorts[^1].Leads));
        Assert.Equal(facts.Count, report.Cohorts.Sum(c => c.Leads));
    }

    [Fact]
    public void Mid_funnel_age_of_one_lead_runs_from_its_first_sql_entry_and_is_absent_outside_the_mid_funnel()
    {
        var working = LeadJourney.InSalesInbox(T0);
        working.Must(TransitionType.FirstOutreachSent, At(2));
        var nurtured = LeadJourney.Nurtured(T0);
        var won = Leads.In(LeadStatus.CurrentCustomer);

        Assert.Equal(TimeSpan.FromHours(48), VelocityFacts.MidFunnelAge(working.Lead, At(48)));
        Assert.Null(VelocityFacts.MidFunnelAge(nurtured.Lead, At(48)));
        Assert.Null(VelocityFacts.MidFunnelAge(won.Lead, At(48)));
    }

    [Fact]
    public void Csv_has_a_header_and_one_row_per_step_pair_acceptance_and_age_for_all_leads_and_each_cohort()
    {
        var journey = new LeadJourney();
        journey.Apply(Form("whitepaper", "=HYPERLINK(\"x\"),y", "cpc", T0));
        journey.Must(TransitionType.OwnershipTransferRequested, At(10));

        var report = Velocity.Compute([journey.Lead], At(100), cohort: CohortDimension.Source);
        var lines = VelocityCsv.Write(report).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(VelocityCsv.Header, lines[0]);
        var perGroup = report.FromCreated.Count + report.Steps.Count + report.StatusPairs.Count + 2;
        Assert.Equal(1 + (2 * perGroup), lines.Length);
        Assert.Contains(lines, l => l.EndsWith(",,stage,MQL,SQL,1,1,1,36000,36000,,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",Source,\"'=hyperlink(\"\"x\"\"),y\",mqlAcceptance,MQL,SQL,1,1,1,,", StringComparison.Ordinal));
    }

    private static TransitionCommand Form(string formId, string source, string medium, DateTimeOffset at, string email = "jane.doe@acme.example") =>
        new($"sub:{formId}:{at.UtcTicks}", TransitionType.FormSubmitted, at, "form:" + formId,
            Data: new TransitionData { Submission = new FormSubmission(formId, TestData.GoodFit(email), null, source, medium, Consent: true) });

    private static VelocityFacts Facts(string source) => new(
        T0, LifecycleStage.MQL, nameof(LeadStatus.Nurturing), null, ImmutableDictionary<LifecycleStage, DateTimeOffset>.Empty.Add(LifecycleStage.MQL, T0), [], "2026-03", source, VelocityFacts.Unknown, VelocityFacts.Unknown);

    private static Lead Restored(Lead l, CampaignStamps campaigns) => Lead.Restore(
        l.Id, l.Person, l.Stage, l.Status, l.OwnerTeam, l.Owner, l.Fit, l.FitScore, l.Interest, l.ActivityScore, l.Flags, l.StageStamps, l.StatusStamps,
        campaigns, l.CreatedAt, l.LastContactAt, l.HandedToSalesAt, l.LastActivityAt, l.NextCheckBackAt, l.NextResurfaceAt, l.SuppressedReason,
        l.LastFormId, l.Consent, l.LastMessage, l.DealId, l.Version, l.Assignment, l.PreviousOwner);
}
