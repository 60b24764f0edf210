using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.Tests;

/// <summary>
/// Issue 16, item 1: StatusSet moves a lead to a status its "from" list allows; a custom status has its role's
/// consequences ("Hot! Hot! Hot!" is the sales inbox, "Sleeping Giant" marketing's nurture track) and every other rule
/// reads the role, while the lead, its history and its events speak the status's own name.
/// </summary>
public sealed class StatusSetTests
{
    private static readonly DateTimeOffset T0 = TestData.Monday;
    private static readonly TransitionData ToHot = new() { StatusName = CustomStatuses.Hot };
    private static readonly TransitionData ToSleeping = new() { StatusName = CustomStatuses.Sleeping };

    [Fact]
    public void A_nurtured_lead_set_to_an_inbox_status_is_in_the_sales_inbox_with_the_sla_clock_and_asks_for_a_rep()
    {
        var journey = LeadJourney.Nurtured(T0, CustomStatuses.Playbook);

        var result = journey.Do(TransitionType.StatusSet, At(1), "hot lead", ToHot);

        Assert.True(result.Applied, result.Audit.RejectionCode);
        var lead = result.Lead;
        Assert.Equal((LeadStatus.New, CustomStatuses.Hot, true), (lead.Status, lead.StatusName, lead.InCustomStatus));
        Assert.Equal((LifecycleStage.SQL, Team.Sales), (lead.Stage, lead.OwnerTeam));
        Assert.Equal(At(1), lead.HandedToSalesAt);
        Assert.NotNull(result.Handoff);
        // The inbox's SLA: three business days from entering the status, Monday 10:00 to Thursday 10:00.
        Assert.Equal(At(1).AddDays(3), new SweepSchedule(CustomStatuses.Playbook).SlaDueAt(lead));
    }

    [Fact]
    public void The_audit_line_and_the_events_carry_the_status_name_and_its_display_name()
    {
        var journey = LeadJourney.Nurtured(T0, CustomStatuses.Playbook);

        var result = journey.Do(TransitionType.StatusSet, At(1), "hot lead", ToHot);

        Assert.Equal((LeadStatus.Nurturing, nameof(LeadStatus.Nurturing)), (result.Audit.FromStatus, result.Audit.FromStatusName));
        Assert.Equal((LeadStatus.New, CustomStatuses.Hot), (result.Audit.ToStatus, result.Audit.ToStatusName));
        var changed = Assert.Single(result.Events, e => e.Type == LeadEventType.StatusChanged);
        Assert.Equal((LeadStatus.New, CustomStatuses.Hot, CustomStatuses.HotDisplay), (changed.To.Status, changed.To.StatusName, changed.To.StatusDisplayName));
        Assert.Equal((nameof(LeadStatus.Nurturing), "Nurturing"), (changed.From!.StatusName, changed.From.StatusDisplayName));
        Assert.Equal("hot lead", changed.Reason);
    }

    [Fact]
    public void Routing_places_the_lead_and_the_placement_keeps_the_custom_status()
    {
        var journey = LeadJourney.Nurtured(T0, CustomStatuses.Playbook);
        journey.Do(TransitionType.StatusSet, At(1), data: ToHot);

        var placed = journey.Place(new Assignment("inbound-sales", null, "rep-ann", "next in rotation", At(1), []));

        Assert.Equal(("rep-ann", CustomStatuses.Hot), (placed.Lead.Owner, placed.Lead.StatusName));
        var assigned = Assert.Single(placed.Events, e => e.Type == LeadEventType.OwnerAssigned);
        Assert.Equal(CustomStatuses.HotDisplay, assigned.To.StatusDisplayName);
    }

    [Fact]
    public void Every_other_rule_reads_the_role_so_a_rep_works_an_inbox_status_lead_as_a_new_one()
    {
        var journey = LeadJourney.Nurtured(T0, CustomStatuses.Playbook);
        journey.Do(TransitionType.StatusSet, At(1), data: ToHot);

        var worked = journey.Must(TransitionType.FirstOutreachSent, At(2));

        Assert.Equal((LeadStatus.ActivelyWorking, nameof(LeadStatus.ActivelyWorking), false), (worked.Status, worked.StatusName, worked.InCustomStatus));
        Assert.Equal(nameof(LeadStatus.ActivelyWorking), journey.Last!.Audit.ToStatusName);
    }

    [Fact]
    public void A_rule_that_moves_to_the_role_a_lead_already_has_leaves_it_in_its_custom_status()
    {
        var journey = LeadJourney.InSalesInbox(T0, CustomStatuses.Playbook);
        journey.Do(TransitionType.StatusSet, At(1), data: ToSleeping);

        // Not interested lands a good fit in Nurturing: the Sleeping Giant already is a nurture status.
        var result = journey.Do(TransitionType.NotInterested, At(2));

        Assert.True(result.Applied, result.Audit.RejectionCode);
        Assert.Equal((LeadStatus.Nurturing, CustomStatuses.Sleeping), (result.Lead.Status, result.Lead.StatusName));
        Assert.DoesNotContain(result.Events, e => e.Type == LeadEventType.StatusChanged);
    }

    [Fact]
    public void A_lead_set_to_a_nurture_status_goes_back_to_marketing_and_leaves_its_rep()
    {
        var journey = LeadJourney.InSalesInbox(T0, CustomStatuses.Playbook);
        journey.Place(new Assignment("inbound-sales", null, "rep-ann", "next in rotation", T0, []));
        journey.Must(TransitionType.FirstOutreachSent, At(1));

        var result = journey.Do(TransitionType.StatusSet, At(2), "not now, big later", ToSleeping);

        Assert.True(result.Applied, result.Audit.RejectionCode);
        var lead = result.Lead;
        Assert.Equal((LeadStatus.Nurturing, CustomStatuses.Sleeping), (lead.Status, lead.StatusName));
        Assert.Equal((Team.Marketing, null, null), (lead.OwnerTeam, lead.Owner, lead.Assignment));
        Assert.Equal("rep-ann", lead.PreviousOwner?.Rep);
        Assert.Null(result.Handoff);
        Assert.Null(new SweepSchedule(CustomStatuses.Playbook).SlaDueAt(lead));
        Assert.Contains(result.Events, e => e.Type == LeadEventType.OwnerAssigned && e.To.StatusDisplayName == CustomStatuses.SleepingDisplay);
    }

    [Fact]
    public void A_status_whose_from_list_does_not_name_the_current_status_is_refused_and_recorded()
    {
        var journey = LeadJourney.InSalesInbox(T0, CustomStatuses.Playbook);
        var before = journey.Must(TransitionType.FirstOutreachSent, At(1));

        var result = journey.Do(TransitionType.StatusSet, At(2), data: ToHot);

        Assert.False(result.Applied);
        Assert.Equal(RejectionCode.StatusNotAllowed, result.Audit.RejectionCode);
        Assert.Equal((OutcomeKind.Rejected, nameof(LeadStatus.ActivelyWorking)), (result.Audit.Outcome, result.Audit.ToStatusName));
        Assert.Equal(before.AtVersion(before.Version + 1), result.Lead);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void A_built_in_status_is_reachable_by_StatusSet_only_from_what_its_from_list_names()
    {
        var journey = LeadJourney.Nurtured(T0, CustomStatuses.Playbook);
        journey.Do(TransitionType.StatusSet, At(1), data: ToHot);

        var toNew = journey.Do(TransitionType.StatusSet, At(2), data: new TransitionData { StatusName = nameof(LeadStatus.New) });
        var toNurturing = journey.Do(TransitionType.StatusSet, At(3), data: new TransitionData { StatusName = nameof(LeadStatus.Nurturing) });

        Assert.Equal(RejectionCode.StatusNotAllowed, toNew.Audit.RejectionCode);
        Assert.True(toNurturing.Applied, toNurturing.Audit.RejectionCode);
        Assert.Equal((LeadStatus.Nurturing, nameof(LeadStatus.Nurturing), Team.Marketing), (toNurturing.Lead.Status, toNurturing.Lead.StatusName, toNurturing.Lead.OwnerTeam));
    }

    [Theory]
    [InlineData("Lukewarm", RejectionCode.UnknownStatus)]
    [InlineData("hothothot", RejectionCode.UnknownStatus)]
    [InlineData("", RejectionCode.MissingData)]
    [InlineData(null, RejectionCode.MissingData)]
    [InlineData(CustomStatuses.Hot, RejectionCode.AlreadyInStatus)]
    public void A_status_that_is_missing_unknown_or_the_current_one_is_refused_with_its_code(string? status, string code)
    {
        var journey = LeadJourney.Nurtured(T0, CustomStatuses.Playbook);
        journey.Do(TransitionType.StatusSet, At(1), data: ToHot);

        var result = journey.Do(TransitionType.StatusSet, At(2), data: new TransitionData { StatusName = status });

        Assert.Equal((OutcomeKind.Rejected, code), (result.Audit.Outcome, result.Audit.RejectionCode));
        Assert.Equal(CustomStatuses.Hot, result.Lead.StatusName);
    }

    [Fact]
    public void The_stamps_record_the_custom_status_by_name_and_its_visits_count_for_the_role()
    {
        var journey = LeadJourney.Nurtured(T0, CustomStatuses.Playbook);
        journey.Do(TransitionType.StatusSet, At(1), data: ToHot);
        var lead = journey.Must(TransitionType.FirstOutreachSent, At(3));

        Assert.Equal(TimeSpan.FromHours(2), lead.StatusNameStamps[CustomStatuses.Hot].TimeInAsOf(At(10)));
        Assert.Equal(TimeSpan.FromHours(2), lead.StatusStamps[LeadStatus.New].TimeInAsOf(At(10)));
        Assert.False(lead.StatusNameStamps.ContainsKey(nameof(LeadStatus.New)));
    }

    [Fact]
    public void A_lead_stored_before_custom_statuses_reads_as_its_built_in_status()
    {
        var stored = LeadJourney.Nurtured(T0, CustomStatuses.Playbook).Lead;

        var restored = Lead.Restore(
            stored.Id, stored.Person, stored.Stage, stored.Status, stored.OwnerTeam, stored.Owner, stored.Fit, stored.FitScore, stored.Interest,
            stored.ActivityScore, stored.Flags, stored.StageStamps, stored.StatusStamps, stored.Campaigns, stored.CreatedAt, stored.LastContactAt,
            stored.HandedToSalesAt, stored.LastActivityAt, stored.NextCheckBackAt, stored.NextResurfaceAt, stored.SuppressedReason, stored.LastFormId,
            stored.Consent, stored.LastMessage, stored.DealId, stored.Version);

        Assert.Equal((nameof(LeadStatus.Nurturing), false), (restored.StatusName, restored.InCustomStatus));
        Assert.Equal([nameof(LeadStatus.Nurturing)], restored.StatusNameStamps.Keys);
        Assert.Equal(stored.StatusStamps[LeadStatus.Nurturing], restored.StatusNameStamps[nameof(LeadStatus.Nurturing)]);
    }

    [Fact]
    public void A_restored_lead_in_a_custom_status_keeps_its_name_and_stamps()
    {
        var journey = LeadJourney.Nurtured(T0, CustomStatuses.Playbook);
        var stored = journey.Do(TransitionType.StatusSet, At(1), data: ToHot).Lead;

        var restored = Lead.Restore(
            stored.Id, stored.Person, stored.Stage, stored.Status, stored.OwnerTeam, stored.Owner, stored.Fit, stored.FitScore, stored.Interest,
            stored.ActivityScore, stored.Flags, stored.StageStamps, stored.StatusStamps, stored.Campaigns, stored.CreatedAt, stored.LastContactAt,
            stored.HandedToSalesAt, stored.LastActivityAt, stored.NextCheckBackAt, stored.NextResurfaceAt, stored.SuppressedReason, stored.LastFormId,
            stored.Consent, stored.LastMessage, stored.DealId, stored.Version, statusName: stored.StatusName, statusNameStamps: stored.StatusNameStamps);

        Assert.Equal((LeadStatus.New, CustomStatuses.Hot), (restored.Status, restored.StatusName));
        Assert.Equal(stored.StatusNameStamps, restored.StatusNameStamps);
    }

    [Fact]
    public void A_lead_in_a_status_the_playbook_dropped_keeps_its_name_and_its_role_still_decides()
    {
        var hot = LeadJourney.Nurtured(T0, CustomStatuses.Playbook).Do(TransitionType.StatusSet, At(1), data: ToHot).Lead;
        var machine = new StateMachine(TestData.Default);

        var worked = machine.Apply(LeadJourney.LeadId, hot, TestData.Command(TransitionType.FirstOutreachSent, At(2)), At(2));

        Assert.Null(new LeadEventLog(TestData.Default).Erased(hot, At(2), "privacy", "erase-1").To.StatusDisplayName);
        Assert.Equal(CustomStatuses.Hot, TestData.Default.StatusDisplayName(hot.StatusName));
        Assert.True(worked.Applied, worked.Audit.RejectionCode);
        Assert.Equal((CustomStatuses.Hot, nameof(LeadStatus.ActivelyWorking)), (worked.Audit.FromStatusName, worked.Audit.ToStatusName));
    }

    private static DateTimeOffset At(int hours) => T0.AddHours(hours);
}
