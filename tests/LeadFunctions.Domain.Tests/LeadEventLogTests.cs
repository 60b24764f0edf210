using System.Collections.Immutable;
using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;
using static LeadFunctions.Domain.Tests.Support.Leads;

namespace LeadFunctions.Domain.Tests;

/// <summary>The events an applied change produces: which, in what order, numbered how, and what each carries.</summary>
public sealed class LeadEventLogTests
{
    [Fact]
    public void A_new_lead_produces_one_lead_created_event_numbered_one_with_the_person_and_no_from()
    {
        var journey = new LeadJourney();

        var result = journey.Submit("pricing", TestData.GoodFit(), T0);

        var created = Assert.Single(result.Events);
        Assert.Equal(LeadEventType.LeadCreated, created.Type);
        Assert.Equal(1, created.Sequence);
        Assert.Equal(LeadJourney.LeadId + ":1", created.EventId);
        Assert.Equal(LeadJourney.LeadId, created.LeadId);
        Assert.Null(created.From);
        Assert.Equal(LifecycleStage.SQL, created.To.Stage);
        Assert.Equal("Sales Qualified Lead", created.To.StageDisplayName);
        Assert.Equal(LeadStatus.New, created.To.Status);
        Assert.Equal("New", created.To.StatusDisplayName);
        Assert.Equal(Quadrant.HighInterestGoodFit, created.Quadrant);
        Assert.Equal("Hot! Hot! Hot!", created.QuadrantDisplayName);
        Assert.Equal(result.Audit.CommandId, created.CommandId);
        Assert.Equal("form:pricing", created.Actor);
        Assert.Equal(T0, created.OccurredAt);
        Assert.Equal(T0.AddSeconds(1), created.RecordedAt);
        Assert.Equal(new LeadEventPerson("jane.doe@acme.example", TestData.GoodFit().FirstName, TestData.GoodFit().LastName, TestData.GoodFit().Company, null), created.Person);
        Assert.Equal(1, result.Lead.EventSequence);
    }

    [Fact]
    public void A_command_that_moves_stage_and_status_gives_stage_changed_then_status_changed_with_before_and_after()
    {
        var journey = InSalesInbox();
        journey.Must(TransitionType.ContactMade, At(1));
        var before = journey.Lead;

        var result = journey.Do(TransitionType.DealCreated, At(2), "signed the NDA");

        Assert.Equal([LeadEventType.StageChanged, LeadEventType.StatusChanged], result.Events.Select(e => e.Type));
        Assert.Equal([before.EventSequence + 1, before.EventSequence + 2], result.Events.Select(e => e.Sequence));
        foreach (var e in result.Events)
        {
            Assert.Equal(LifecycleStage.SQL, e.From!.Stage);
            Assert.Equal("Sales Qualified Lead", e.From.StageDisplayName);
            Assert.Equal(LeadStatus.Connected, e.From.Status);
            Assert.Equal(LifecycleStage.Opportunity, e.To.Stage);
            Assert.Equal(LeadStatus.OpenDeal, e.To.Status);
            Assert.Equal("Open Deal", e.To.StatusDisplayName);
            Assert.Equal("signed the NDA", e.Reason);
            Assert.Equal("rep-ann", e.Actor);
            Assert.Equal(result.Audit.CommandId, e.CommandId);
        }

        Assert.Equal(before.EventSequence + 2, result.Lead.EventSequence);
    }

    [Fact]
    public void A_rep_taking_the_lead_gives_owner_assigned_with_the_assignment_and_its_reason()
    {
        var journey = InSalesInbox();

        var result = journey.Do(TransitionType.FirstOutreachSent, At(1));

        var assigned = Assert.Single(result.Events, e => e.Type == LeadEventType.OwnerAssigned);
        Assert.Null(assigned.From!.Owner);
        Assert.Equal("rep-ann", assigned.To.Owner);
        Assert.Equal(Team.Sales, assigned.To.OwnerTeam);
        Assert.NotNull(assigned.Assignment);
        Assert.Equal("rep-ann", assigned.Assignment.Rep);
        Assert.Equal("FirstOutreachSent by rep-ann", assigned.Assignment.Reason);
        Assert.Equal(LeadEventType.StatusChanged, result.Events[0].Type);
    }

    [Fact]
    public void Placing_a_handed_off_lead_recounts_its_events_so_owner_assigned_follows_lead_created()
    {
        var journey = new LeadJourney();
        var applied = journey.Submit("pricing", TestData.GoodFit(), T0);
        Assert.NotNull(applied.Handoff);
        var assignment = new Assignment("team-east", "east-coast", "rep-bob", "territory east-coast, rotation turn", T0, ImmutableArray<SkippedRep>.Empty);

        var placed = StateMachine.Assign(applied, assignment);

        Assert.Equal([LeadEventType.LeadCreated, LeadEventType.OwnerAssigned], placed.Events.Select(e => e.Type));
        Assert.Equal([1L, 2L], placed.Events.Select(e => e.Sequence));
        var owner = placed.Events[1];
        Assert.Equal("rep-bob", owner.To.Owner);
        Assert.Equal("team-east", owner.To.SalesTeam);
        Assert.Equal(assignment, owner.Assignment);
        Assert.Equal(2, placed.Lead.EventSequence);
    }

    [Fact]
    public void A_lead_placed_in_the_inbox_tells_by_when_to_work_it_and_a_worked_one_does_not()
    {
        var journey = new LeadJourney();
        var applied = journey.Submit("pricing", TestData.GoodFit(), T0);
        var assignment = new Assignment("team-east", "east-coast", "rep-bob", "rotation turn", T0, ImmutableArray<SkippedRep>.Empty);

        var owner = StateMachine.Assign(applied, assignment).Events[1];

        // The default playbook: New is worked within 3 business days, counted from the rep getting it (a Monday).
        Assert.Equal(T0.AddDays(3), owner.To.SlaDueAt);
        Assert.Equal(TimeSpan.Zero, owner.To.SlaDueAt!.Value.Offset);

        var worked = InSalesInbox().Do(TransitionType.ContactMade, At(1));
        Assert.All(worked.Events, e => Assert.Null(e.To.SlaDueAt));
    }

    [Fact]
    public void A_lead_placed_with_nobody_raises_the_unassigned_flag_after_owner_assigned()
    {
        var applied = new LeadJourney().Submit("pricing", TestData.GoodFit(), T0);
        var queued = new Assignment("team-east", null, null, "nobody available", T0, ImmutableArray<SkippedRep>.Empty, T0.AddHours(1));

        var placed = StateMachine.Assign(applied, queued);

        Assert.Equal([LeadEventType.LeadCreated, LeadEventType.OwnerAssigned, LeadEventType.FlagRaised], placed.Events.Select(e => e.Type));
        Assert.Equal(nameof(LeadFlags.Unassigned), placed.Events[2].Flag);
    }

    [Fact]
    public void An_sla_breach_raises_its_flag_once()
    {
        var journey = InSalesInbox();

        var breach = journey.Do(TransitionType.SlaBreached, At(24 * 10), actor: "sweep:FlagSlaBreaches");

        Assert.True(breach.Applied, breach.Audit.RejectionCode);
        var raised = Assert.Single(breach.Events);
        Assert.Equal(LeadEventType.FlagRaised, raised.Type);
        Assert.Equal(nameof(LeadFlags.SlaBreached), raised.Flag);
        Assert.Equal(raised.From, raised.To);
    }

    [Fact]
    public void A_dead_opportunity_coming_back_is_told_as_resurfaced()
    {
        var journey = Leads.In(LeadStatus.DeadOpportunity);
        var due = journey.Lead.NextResurfaceAt!.Value;

        var result = journey.Do(TransitionType.OpportunityResurfaced, due.AddHours(1), actor: "sweep:FlagCheckBacks");

        Assert.True(result.Applied, result.Audit.RejectionCode);
        var raised = Assert.Single(result.Events);
        Assert.Equal(LeadEventType.FlagRaised, raised.Type);
        Assert.Equal(LeadEventLog.OpportunityResurfaced, raised.Flag);
    }

    [Fact]
    public void An_unsubscribe_gives_suppressed_with_the_suppression_reason()
    {
        var journey = InSalesInbox();

        var result = journey.Do(TransitionType.Unsubscribed, At(1), actor: "esp");

        var suppressed = Assert.Single(result.Events);
        Assert.Equal(LeadEventType.Suppressed, suppressed.Type);
        Assert.Equal(journey.Lead.SuppressedReason, suppressed.Reason);
        Assert.NotNull(suppressed.Reason);
    }

    [Fact]
    public void A_rejected_command_produces_no_event_and_leaves_the_counter_alone()
    {
        var journey = InSalesInbox();
        var before = journey.Lead;

        var result = journey.Do(TransitionType.DealWon, At(1));

        Assert.False(result.Applied);
        Assert.Empty(result.Events);
        Assert.Equal(before.EventSequence, result.Lead.EventSequence);
    }

    [Fact]
    public void A_lead_s_events_are_numbered_without_gaps_across_commands_and_rejections()
    {
        var journey = InSalesInbox();
        var all = new List<LeadEvent>(journey.Last!.Events);

        all.AddRange(journey.Do(TransitionType.FirstOutreachSent, At(1)).Events);
        all.AddRange(journey.Do(TransitionType.DealWon, At(2)).Events);
        all.AddRange(journey.Do(TransitionType.ContactMade, At(3)).Events);
        all.AddRange(journey.Do(TransitionType.DealCreated, At(4)).Events);
        all.AddRange(journey.Do(TransitionType.Unsubscribed, At(5)).Events);

        Assert.True(all.Count >= 6);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Equal(all.Select(e => LeadEvent.IdOf(e.LeadId, e.Sequence)), all.Select(e => e.EventId));
        Assert.Equal(all.Count, journey.Lead.EventSequence);
    }

    [Fact]
    public void The_erased_event_follows_the_last_number_and_carries_nothing_about_the_person()
    {
        var journey = InSalesInbox();
        journey.Must(TransitionType.FirstOutreachSent, At(1));
        var lead = journey.Lead;

        var erased = new LeadEventLog(TestData.Default).Erased(lead, At(2), "privacy", "erase:" + lead.Id);

        Assert.Equal(LeadEventType.Erased, erased.Type);
        Assert.Equal(lead.EventSequence + 1, erased.Sequence);
        Assert.Null(erased.Person);
        Assert.Equal(lead.Status, erased.To.Status);
    }

    private static LeadJourney InSalesInbox() => LeadJourney.InSalesInbox(T0);
}
