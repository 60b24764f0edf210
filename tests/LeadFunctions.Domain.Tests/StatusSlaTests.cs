using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.Tests;

/// <summary>Issue 14, item 5: a status SLA warns the rep, then acts on the breach as the playbook says.</summary>
public sealed class StatusSlaTests
{
    private const string Team = "inbound-sales";

    /// <summary>Monday 09:00 in New: three business days is Thursday 09:00, the default warning 8 hours before.</summary>
    private static readonly DateTimeOffset Breach = new(2026, 3, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Warning = Breach.AddHours(-8);

    [Fact]
    public void Sweep_is_owed_the_warning_first_then_the_breach()
    {
        var journey = OwnedBy("rep-ann");
        var schedule = new SweepSchedule(TestData.Default);

        Assert.Equal(Warning, DueAt(schedule, journey.Lead));
        var warned = journey.Must(TransitionType.SlaWarning, Warning);

        Assert.Equal(LeadFlags.SlaWarning, warned.Flags);
        Assert.Equal(Breach, DueAt(schedule, warned));
        Assert.Equal(Breach, schedule.SlaDueAt(warned));
    }

    [Fact]
    public void Warning_is_refused_before_its_time_and_breach_before_the_breach()
    {
        var journey = OwnedBy("rep-ann");

        Assert.Equal(RejectionCode.NotDue, journey.Do(TransitionType.SlaWarning, Warning.AddMinutes(-1)).Audit.RejectionCode);
        Assert.Equal(RejectionCode.NotDue, journey.Do(TransitionType.SlaBreached, Warning).Audit.RejectionCode);
    }

    [Fact]
    public void Breach_supersedes_the_warning_and_both_clear_when_the_status_changes()
    {
        var journey = OwnedBy("rep-ann", TestData.Default.WithSla(LeadStatus.New, FlagOnly()));
        journey.Must(TransitionType.SlaWarning, Warning);
        Assert.Equal(LeadFlags.SlaBreached, journey.Must(TransitionType.SlaBreached, Breach).Flags);

        var moved = journey.Must(TransitionType.StageAdvanced, Breach.AddHours(1), data: new TransitionData { ToStage = LifecycleStage.Opportunity, ToStatus = LeadStatus.Unqualified });

        Assert.Equal(LeadFlags.None, moved.Flags & (LeadFlags.SlaWarning | LeadFlags.SlaBreached));
    }

    [Fact]
    public void Warning_clears_when_the_status_changes()
    {
        var journey = OwnedBy("rep-ann");
        journey.Must(TransitionType.SlaWarning, Warning);

        var moved = journey.Must(TransitionType.StageAdvanced, Warning.AddHours(1), data: new TransitionData { ToStage = LifecycleStage.Opportunity, ToStatus = LeadStatus.Unqualified });

        Assert.False(moved.Flags.HasFlag(LeadFlags.SlaWarning));
    }

    [Fact]
    public void A_manual_reassignment_gives_the_new_rep_a_clean_fresh_clock()
    {
        var playbook = TestData.Default.WithSla(LeadStatus.New, FlagOnly());
        var journey = OwnedBy("rep-ann", playbook);
        journey.Must(TransitionType.SlaBreached, Breach);

        var reassigned = journey.Must(TransitionType.Reassigned, Breach.AddHours(1), "back from leave", new TransitionData { Owner = "rep-cat" });

        Assert.Equal(LeadFlags.None, reassigned.Flags);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 2, 0, 0, TimeSpan.Zero), DueAt(new SweepSchedule(playbook), reassigned));
    }

    [Fact]
    public void A_queued_lead_placed_with_a_rep_later_gets_a_fresh_clock()
    {
        var journey = LeadJourney.InSalesInbox(Leads.T0);
        journey.Place(new Assignment(Team, null, null, "nobody free", Leads.T0, []));
        journey.Must(TransitionType.SlaBreached, Breach);
        var retry = journey.Do(TransitionType.AssignmentDue, Breach.AddHours(2));

        var placed = journey.Place(new Assignment(Team, null, "rep-ben", "back in rotation", retry.Audit.OccurredAt, [])).Lead;

        Assert.Equal(LeadFlags.None, placed.Flags);
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 3, 0, 0, TimeSpan.Zero), DueAt(new SweepSchedule(TestData.Default), placed));
    }

    [Fact]
    public void Sales_work_in_the_same_status_clears_the_flags_and_restarts_the_clock()
    {
        var playbook = TestData.Default.WithSla(LeadStatus.Connected, new StatusSla { BusinessDays = 2, WarnBeforeHours = 4, OnBreach = SlaBreachAction.None });
        var journey = OwnedBy("rep-ann", playbook);
        var connected = journey.Must(TransitionType.ContactMade, Leads.At(1));
        var schedule = new SweepSchedule(playbook);
        var warning = schedule.SlaDueAt(connected)!.Value.AddHours(-4);
        journey.Must(TransitionType.SlaWarning, warning);

        var worked = journey.Must(TransitionType.ContactMade, warning.AddHours(1));

        Assert.Equal(LeadStatus.Connected, worked.Status);
        Assert.Equal(LeadFlags.None, worked.Flags);
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 7, 0, 0, TimeSpan.Zero), schedule.SlaDueAt(worked));
    }

    [Fact]
    public void A_status_without_an_sla_has_no_due_time()
    {
        var connected = Leads.In(LeadStatus.Connected).Lead;

        Assert.Null(new SweepSchedule(TestData.Default).SlaDueAt(connected));
        Assert.DoesNotContain(new SweepSchedule(TestData.Default).DueDates(connected), d => d.Sweep == SweepKind.FlagSlaBreaches);
    }

    [Fact]
    public void Breach_answered_by_reassigning_asks_routing_for_another_rep_of_the_team()
    {
        var journey = OwnedBy("rep-ann");
        journey.Must(TransitionType.SlaWarning, Warning);

        var breach = journey.Do(TransitionType.SlaBreached, Breach);

        Assert.True(breach.Applied);
        Assert.Equal(Team, breach.Handoff?.Team);
        Assert.Equal("rep-ann", breach.Handoff?.PassOver);
        Assert.Equal(LeadFlags.SlaBreached, breach.Lead.Flags);
    }

    [Fact]
    public void Reassigned_breach_records_both_owners_and_gives_the_new_rep_a_fresh_clock()
    {
        var journey = OwnedBy("rep-ann");
        journey.Do(TransitionType.SlaBreached, Breach);

        var placed = journey.Place(new Assignment(Team, null, "rep-ben", "next in rotation", Breach, [new SkippedRep("rep-ann", RepStanding.PassedOver)]));

        Assert.Equal("rep-ben", placed.Lead.Owner);
        Assert.Equal(new PastOwner("rep-ann", Breach), placed.Lead.PreviousOwner);
        Assert.Equal(("rep-ann", "rep-ben"), (placed.Audit.FromOwner, placed.Audit.ToOwner));
        Assert.Equal(TransitionType.SlaBreached, placed.Audit.Type);
        var freshBreach = new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(freshBreach, new SweepSchedule(TestData.Default).SlaDueAt(placed.Lead));
        Assert.Equal(freshBreach.AddHours(-8), DueAt(new SweepSchedule(TestData.Default), placed.Lead));
    }

    [Fact]
    public void Second_breach_goes_round_the_rotation_instead_of_back_to_the_first_rep()
    {
        var journey = OwnedBy("rep-ann");
        journey.Do(TransitionType.SlaBreached, Breach);
        var placed = journey.Place(new Assignment(Team, null, "rep-ben", "next in rotation", Breach, [new SkippedRep("rep-ann", RepStanding.PassedOver)])).Lead;
        var secondBreach = new SweepSchedule(TestData.Default).SlaDueAt(placed)!.Value;

        var again = journey.Do(TransitionType.SlaBreached, secondBreach);

        Assert.Equal("rep-ben", again.Handoff?.PassOver);
        Assert.Null(again.Handoff?.PreviousOwner);
    }

    [Fact]
    public void Breach_answered_by_escalating_hands_the_lead_to_the_team_manager_once()
    {
        var playbook = TestData.Default.WithSla(LeadStatus.New, new StatusSla { BusinessDays = 3, WarnBeforeHours = 8, OnBreach = SlaBreachAction.Escalate });
        var journey = OwnedBy("rep-ann", playbook);

        var breach = journey.Do(TransitionType.SlaBreached, Breach);

        Assert.Null(breach.Handoff);
        Assert.Equal("mgr-mia", breach.Lead.Owner);
        Assert.Equal(("rep-ann", "mgr-mia"), (breach.Audit.FromOwner, breach.Audit.ToOwner));
        Assert.Contains("escalated", breach.Audit.Assignment?.Reason, StringComparison.Ordinal);
        Assert.Equal(new PastOwner("rep-ann", Breach), breach.Lead.PreviousOwner);
        Assert.Null(DueAt(new SweepSchedule(playbook), breach.Lead));
    }

    [Fact]
    public void Breach_with_no_action_only_raises_the_flag()
    {
        var playbook = TestData.Default.WithSla(LeadStatus.New, FlagOnly());
        var journey = OwnedBy("rep-ann", playbook);

        var breach = journey.Do(TransitionType.SlaBreached, Breach);

        Assert.Null(breach.Handoff);
        Assert.Equal("rep-ann", breach.Lead.Owner);
        Assert.Equal(LeadFlags.SlaBreached, breach.Lead.Flags);
        Assert.Null(breach.Audit.Assignment);
        Assert.Null(DueAt(new SweepSchedule(playbook), breach.Lead));
    }

    private static StatusSla FlagOnly() => new() { BusinessDays = 3, WarnBeforeHours = 8, OnBreach = SlaBreachAction.None };

    /// <summary>A pricing request placed with <paramref name="rep"/> by routing at <see cref="Leads.T0"/>.</summary>
    private static LeadJourney OwnedBy(string rep, Playbook? playbook = null)
    {
        var journey = LeadJourney.InSalesInbox(Leads.T0, playbook);
        journey.Place(new Assignment(Team, null, rep, "next in rotation", Leads.T0, []));
        return journey;
    }

    private static DateTimeOffset? DueAt(SweepSchedule schedule, Lead lead)
        => schedule.DueDates(lead).SingleOrDefault(d => d.Sweep == SweepKind.FlagSlaBreaches)?.DueAt;
}
