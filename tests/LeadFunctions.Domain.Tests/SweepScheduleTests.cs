using System.Collections.Immutable;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;
using static LeadFunctions.Domain.Tests.Support.Leads;

namespace LeadFunctions.Domain.Tests;

/// <summary>When each sweep is owed a look at a lead, and what it does then.</summary>
public sealed class SweepScheduleTests
{
    private static readonly SweepSchedule Schedule = new(TestData.Default);

    [Fact]
    public void New_SQL_is_owed_no_contact_recycle_and_sla_checks()
    {
        var lead = LeadJourney.InSalesInbox(T0).Lead;

        var due = Schedule.DueDates(lead).ToList();

        Assert.Equal(
            [
                new DueEntry(SweepKind.DisqualifyNoContact, LeadJourney.LeadId, T0.AddDays(30)),
                new DueEntry(SweepKind.RecycleDark, LeadJourney.LeadId, T0.AddDays(90)),
                new DueEntry(SweepKind.FlagSlaBreaches, LeadJourney.LeadId, new DateTimeOffset(2026, 3, 5, 1, 0, 0, TimeSpan.Zero)),
            ],
            due);
    }

    [Fact]
    public void No_contact_clock_runs_from_the_handoff_while_actively_working()
    {
        var journey = LeadJourney.InSalesInbox(T0);

        var lead = journey.Must(TransitionType.FirstOutreachSent, At(24));

        Assert.Equal(T0.AddDays(30), DueAt(SweepKind.DisqualifyNoContact, lead));
    }

    [Fact]
    public void Contact_made_removes_the_no_contact_due_date()
    {
        var journey = LeadJourney.InSalesInbox(T0);

        var lead = journey.Must(TransitionType.ContactMade, At(24));

        Assert.Null(DueAt(SweepKind.DisqualifyNoContact, lead));
        Assert.Null(DueAt(SweepKind.FlagSlaBreaches, lead));
        Assert.Equal(At(24).AddDays(90), DueAt(SweepKind.RecycleDark, lead));
    }

    [Fact]
    public void Contact_made_before_a_new_handoff_does_not_stop_the_new_clock()
    {
        var journey = LeadJourney.InSalesInbox(T0);
        journey.Must(TransitionType.ContactMade, At(2));
        journey.Must(TransitionType.NotInterested, At(3));
        var handoff = At(50 * 24);

        var lead = journey.Submit("pricing", TestData.GoodFit(), handoff).Lead;

        Assert.Equal(handoff, lead.HandedToSalesAt);
        Assert.Equal(handoff.AddDays(30), DueAt(SweepKind.DisqualifyNoContact, lead));
    }

    [Fact]
    public void No_contact_clock_falls_back_to_the_stage_entry_without_a_handoff()
    {
        var journey = LeadJourney.Nurtured(T0);

        var lead = journey.Must(TransitionType.StageAdvanced, At(5), data: new TransitionData { ToStage = LifecycleStage.SQL, ToStatus = LeadStatus.New });

        Assert.Null(lead.HandedToSalesAt);
        Assert.Equal(At(5).AddDays(30), DueAt(SweepKind.DisqualifyNoContact, lead));
    }

    [Theory]
    [InlineData(LeadStatus.Nurturing)]
    [InlineData(LeadStatus.Connected)]
    [InlineData(LeadStatus.Qualified)]
    [InlineData(LeadStatus.OpenDeal)]
    [InlineData(LeadStatus.CheckBackQuarterly)]
    public void No_contact_applies_only_to_SQLs_in_New_or_actively_working(LeadStatus status)
    {
        Assert.Null(DueAt(SweepKind.DisqualifyNoContact, Leads.In(status).Lead));
    }

    [Fact]
    public void Nurtured_MQL_is_only_owed_the_recycle_check()
    {
        var lead = LeadJourney.Nurtured(T0).Lead;

        Assert.Equal([new DueEntry(SweepKind.RecycleDark, LeadJourney.LeadId, T0.AddDays(90))], Schedule.DueDates(lead));
    }

    [Fact]
    public void Recycle_clock_runs_from_the_latest_sign_of_life()
    {
        var journey = LeadJourney.Nurtured(T0);

        var lead = journey.Must(TransitionType.ActivityRecorded, At(240), data: new TransitionData { Points = 5 });

        Assert.Equal(At(240).AddDays(90), DueAt(SweepKind.RecycleDark, lead));
    }

    [Theory]
    [InlineData(TransitionType.Unsubscribed)]
    [InlineData(TransitionType.EmailBounced)]
    public void Suppressed_lead_is_never_recycled(TransitionType optOut)
    {
        var journey = LeadJourney.Nurtured(T0);

        var lead = journey.Must(optOut, At(1));

        Assert.Null(DueAt(SweepKind.RecycleDark, lead));
        Assert.Null(Schedule.ActionFor(SweepKind.RecycleDark, lead, At(1).AddDays(400)));
    }

    [Fact]
    public void Customer_is_owed_nothing()
    {
        var lead = Leads.In(LeadStatus.CurrentCustomer).Lead;

        Assert.Empty(Schedule.DueDates(lead));
    }

    [Fact]
    public void Customer_stage_is_never_recycled_whatever_its_status()
    {
        var journey = Leads.In(LeadStatus.Connected);

        var lead = journey.Must(TransitionType.StageAdvanced, At(2), data: new TransitionData { ToStage = LifecycleStage.Customer });

        Assert.Equal(LeadStatus.Connected, lead.Status);
        Assert.Null(DueAt(SweepKind.RecycleDark, lead));
    }

    [Fact]
    public void Check_back_is_due_on_its_date_and_again_a_cadence_later_while_flagged()
    {
        var playbook = TestData.Default.KeepingCheckBacksWithTheRep();
        var schedule = new SweepSchedule(playbook);
        var journey = new LeadJourney(playbook);
        journey.Submit("pricing", TestData.GoodFit(), T0);
        journey.Must(TransitionType.ContactMade, At(1));
        var lead = journey.Must(TransitionType.CheckBackLater, At(5), data: new TransitionData { CheckBackAt = At(24 * 40) });

        Assert.Equal([new DueEntry(SweepKind.FlagCheckBacks, LeadJourney.LeadId, At(24 * 40))], schedule.DueDates(lead));
        Assert.Null(schedule.ActionFor(SweepKind.FlagCheckBacks, lead, At(24 * 40).AddTicks(-1)));
        Assert.Equal(new SweepAction(SweepKind.FlagCheckBacks, TransitionType.CheckBackDue, At(24 * 40)), schedule.ActionFor(SweepKind.FlagCheckBacks, lead, At(24 * 40)));

        var flagged = journey.Must(TransitionType.CheckBackDue, At(24 * 40));

        Assert.Equal(LeadFlags.CheckBackDue, flagged.Flags);
        Assert.Equal([new DueEntry(SweepKind.FlagCheckBacks, LeadJourney.LeadId, At(24 * 40).AddMonths(3))], schedule.DueDates(flagged));
    }

    [Fact]
    public void Dead_opportunity_is_due_to_resurface_on_its_date()
    {
        var lead = Leads.In(LeadStatus.DeadOpportunity).Lead;
        var resurface = At(3).AddMonths(6);

        Assert.Equal([new DueEntry(SweepKind.FlagCheckBacks, LeadJourney.LeadId, resurface)], Schedule.DueDates(lead));
        Assert.Equal(new SweepAction(SweepKind.FlagCheckBacks, TransitionType.OpportunityResurfaced, resurface), Schedule.ActionFor(SweepKind.FlagCheckBacks, lead, resurface.AddDays(2)));
    }

    [Fact]
    public void Sla_is_three_business_days_after_entering_New_across_a_weekend()
    {
        var lead = LeadJourney.InSalesInbox(TestData.Friday).Lead;

        var sla = new DateTimeOffset(2026, 3, 11, 10, 0, 0, TimeSpan.Zero);
        var warning = sla.AddHours(-8);
        Assert.Equal(sla, Schedule.SlaDueAt(lead));
        Assert.Equal(warning, DueAt(SweepKind.FlagSlaBreaches, lead));
        Assert.Null(Schedule.ActionFor(SweepKind.FlagSlaBreaches, lead, warning.AddMinutes(-1)));
        Assert.Equal(new SweepAction(SweepKind.FlagSlaBreaches, TransitionType.SlaWarning, warning), Schedule.ActionFor(SweepKind.FlagSlaBreaches, lead, sla.AddMinutes(-1)));
        Assert.Equal(new SweepAction(SweepKind.FlagSlaBreaches, TransitionType.SlaBreached, sla), Schedule.ActionFor(SweepKind.FlagSlaBreaches, lead, sla));
    }

    [Fact]
    public void Sla_clock_restarts_when_a_lead_re_enters_New()
    {
        var journey = Leads.In(LeadStatus.Disqualified);

        var lead = journey.Submit("pricing", TestData.GoodFit(), new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero)).Lead; // a Saturday

        Assert.Equal(new DateTimeOffset(2026, 3, 19, 0, 0, 0, TimeSpan.Zero), Schedule.SlaDueAt(lead));
    }

    [Fact]
    public void Sla_is_not_due_again_once_flagged()
    {
        var journey = LeadJourney.InSalesInbox(TestData.Friday);

        var lead = journey.Must(TransitionType.SlaBreached, new DateTimeOffset(2026, 3, 11, 10, 0, 0, TimeSpan.Zero));

        Assert.Null(DueAt(SweepKind.FlagSlaBreaches, lead));
    }

    [Fact]
    public void Sla_without_an_sla_table_falls_back_to_the_threshold_and_the_playbook_calendar()
    {
        var playbook = TestData.Default with
        {
            Sla = ImmutableDictionary<LeadStatus, StatusSla>.Empty,
            BusinessCalendar = TestData.Default.BusinessCalendar with { TimeZone = "America/New_York" },
            Thresholds = TestData.Default.Thresholds with { NewSlaBusinessDays = 1 },
        };
        var lead = LeadJourney.InSalesInbox(TestData.Friday, playbook).Lead; // Friday 05:00 in New York

        Assert.Equal(new DateTimeOffset(2026, 3, 9, 5, 0, 0, TimeSpan.FromHours(-4)), new SweepSchedule(playbook).ActionFor(SweepKind.FlagSlaBreaches, lead, TestData.Friday.AddDays(7))?.DueAt);
    }

    [Theory]
    [InlineData(SweepKind.DisqualifyNoContact, TransitionType.NoContactTimeout, 30)]
    [InlineData(SweepKind.RecycleDark, TransitionType.WentDark, 90)]
    public void Action_is_due_from_its_date_on(SweepKind kind, TransitionType command, int days)
    {
        var lead = LeadJourney.InSalesInbox(T0).Lead;
        var due = T0.AddDays(days);

        Assert.Null(Schedule.ActionFor(kind, lead, due.AddSeconds(-1)));
        Assert.Equal(new SweepAction(kind, command, due), Schedule.ActionFor(kind, lead, due));
        Assert.Equal(new SweepAction(kind, command, due), Schedule.ActionFor(kind, lead, due.AddDays(100)));
    }

    [Fact]
    public void Command_id_is_stable_for_the_same_due_occurrence()
    {
        var lead = LeadJourney.InSalesInbox(T0).Lead;
        var due = T0.AddDays(90);

        var first = Schedule.ActionFor(SweepKind.RecycleDark, lead, due)!;
        var rerun = Schedule.ActionFor(SweepKind.RecycleDark, lead, due.AddHours(7))!;

        Assert.Equal(first.CommandId, rerun.CommandId);
        Assert.Equal($"sweep:recycle-dark:{due.UtcTicks}", first.CommandId);
    }

    [Fact]
    public void Command_id_differs_between_occurrences_and_sweeps()
    {
        var journey = LeadJourney.InSalesInbox(T0);
        var lead = journey.Lead;
        var later = journey.Must(TransitionType.ActivityRecorded, At(10), data: new TransitionData { Points = 1 });

        var before = Schedule.ActionFor(SweepKind.RecycleDark, lead, T0.AddDays(200))!;
        var after = Schedule.ActionFor(SweepKind.RecycleDark, later, T0.AddDays(200))!;
        var noContact = Schedule.ActionFor(SweepKind.DisqualifyNoContact, lead, T0.AddDays(200))!;

        Assert.NotEqual(before.CommandId, after.CommandId);
        Assert.NotEqual(before.CommandId, noContact.CommandId);
    }

    [Fact]
    public void Sweep_names_round_trip()
    {
        foreach (var kind in Enum.GetValues<SweepKind>())
        {
            Assert.True(SweepNames.TryParse(kind.Name(), out var parsed));
            Assert.Equal(kind, parsed);
        }

        Assert.Equal(["disqualify-no-contact", "recycle-dark", "flag-check-backs", "flag-sla-breaches", "assign-queued", "suppress-unengaged", "decay-interest"], SweepNames.All);
        Assert.False(SweepNames.TryParse(null, out _));
        Assert.False(SweepNames.TryParse("Recycle-Dark", out _));
    }

    private static DateTimeOffset? DueAt(SweepKind kind, Lead lead) => Schedule.DueDates(lead).SingleOrDefault(d => d.Sweep == kind)?.DueAt;
}
