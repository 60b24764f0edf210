using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;
using static LeadFunctions.Domain.Tests.Support.Leads;

namespace LeadFunctions.Domain.Tests;

/// <summary>The state machine's own duties: the playbook's allowed statuses, versioning, audit, owner and flags.</summary>
public sealed class StateMachineTests
{
    private static readonly StateMachine Machine = new(TestData.Default);

    public static TheoryData<TransitionType, LeadStatus> DisallowedPairs()
    {
        var data = new TheoryData<TransitionType, LeadStatus>();
        foreach (var (type, rule) in TestData.Default.Transitions.OrderBy(p => p.Key))
        {
            foreach (var status in Enum.GetValues<LeadStatus>().Where(s => !rule.From.Contains(s)))
            {
                data.Add(type, status);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DisallowedPairs))]
    public void Command_from_a_status_outside_its_from_list_is_rejected(TransitionType type, LeadStatus status)
    {
        var before = LeadIn(status);
        var command = TestData.Command(type, At(48), "a reason", new TransitionData { Points = 10, ToStage = LifecycleStage.Opportunity, Owner = "rep-zed" });

        var result = Machine.Apply("lead-x", before, command, At(49));

        Assert.False(result.Applied);
        Assert.Equal(before.AtVersion(before.Version + 1), result.Lead);
        var audit = result.Audit;
        Assert.Equal(OutcomeKind.Rejected, audit.Outcome);
        Assert.Equal(RejectionCode.StatusNotAllowed, audit.RejectionCode);
        Assert.Equal(command.CommandId, audit.CommandId);
        Assert.Equal(type, audit.Type);
        Assert.Equal("rep-ann", audit.Actor);
        Assert.Equal("a reason", audit.Reason);
        Assert.Equal(At(48), audit.OccurredAt);
        Assert.Equal(At(49), audit.RecordedAt);
        Assert.Equal(LifecycleStage.SQL, audit.FromStage);
        Assert.Equal(LifecycleStage.SQL, audit.ToStage);
        Assert.Equal(status, audit.FromStatus);
        Assert.Equal(status, audit.ToStatus);
        Assert.Equal(before.Version + 1, audit.Sequence);
    }

    [Fact]
    public void Disallowed_command_on_a_real_journey_is_rejected_and_audited()
    {
        var journey = LeadJourney.Nurtured(T0);
        var before = journey.Lead;

        var result = journey.Do(TransitionType.DealWon, At(2));

        Assert.False(result.Applied);
        Assert.Equal(before.AtVersion(2), result.Lead);
        Assert.Equal(
            new AuditRecord(result.Audit.CommandId, TransitionType.DealWon, OutcomeKind.Rejected, RejectionCode.StatusNotAllowed, "rep-ann", null,
                At(2), At(2).AddSeconds(1), LifecycleStage.MQL, LifecycleStage.MQL, LeadStatus.Nurturing, LeadStatus.Nurturing, 2)
            {
                FromStatusName = nameof(LeadStatus.Nurturing),
                ToStatusName = nameof(LeadStatus.Nurturing),
            },
            result.Audit);
    }

    [Fact]
    public void Applied_command_is_audited_with_from_and_to()
    {
        var journey = LeadJourney.InSalesInbox(T0);

        var audit = journey.Do(TransitionType.FirstOutreachSent, At(1), "sent intro").Audit;

        Assert.Equal(OutcomeKind.Applied, audit.Outcome);
        Assert.Null(audit.RejectionCode);
        Assert.Equal("sent intro", audit.Reason);
        Assert.Equal(LifecycleStage.SQL, audit.FromStage);
        Assert.Equal(LifecycleStage.SQL, audit.ToStage);
        Assert.Equal(LeadStatus.New, audit.FromStatus);
        Assert.Equal(LeadStatus.ActivelyWorking, audit.ToStatus);
        Assert.Equal(2, audit.Sequence);
    }

    [Theory]
    [InlineData(TransitionType.ActivityRecorded)]
    [InlineData(TransitionType.Unsubscribed)]
    [InlineData(TransitionType.EmailBounced)]
    public void Command_without_a_transitions_entry_is_allowed_from_every_status(TransitionType type)
    {
        foreach (var status in Enum.GetValues<LeadStatus>())
        {
            var journey = Leads.In(status);

            var result = journey.Do(type, At(400 * 24), data: new TransitionData { Points = 1 });

            Assert.True(result.Applied, $"{type} from {status}: {result.Audit.RejectionCode}");
        }
    }

    [Fact]
    public void Playbook_can_restrict_any_external_command()
    {
        var playbook = TestData.Default with
        {
            Transitions = TestData.Default.Transitions.SetItem(TransitionType.ActivityRecorded, new TransitionRule { From = [LeadStatus.Nurturing] }),
        };
        var journey = LeadJourney.InSalesInbox(T0, playbook);

        var result = journey.Do(TransitionType.ActivityRecorded, At(1), data: new TransitionData { Points = 5 });

        Assert.Equal(RejectionCode.StatusNotAllowed, result.Audit.RejectionCode);
    }

    [Fact]
    public void Version_counts_every_command_applied_or_rejected()
    {
        var journey = LeadJourney.InSalesInbox(T0);

        journey.Do(TransitionType.FirstOutreachSent, At(1));
        journey.Do(TransitionType.DealWon, At(2));
        journey.Do(TransitionType.ContactMade, At(3));

        Assert.Equal(4, journey.Lead.Version);
        Assert.Equal(4, journey.Last!.Audit.Sequence);
    }

    [Fact]
    public void Only_a_form_submission_can_create_a_lead()
    {
        Assert.Throws<ArgumentException>(() => Machine.Apply("lead-x", null, TestData.Command(TransitionType.ContactMade, T0), T0));
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Every_command_type_is_decided_without_throwing(TransitionType type)
    {
        foreach (var status in new[] { LeadStatus.New, LeadStatus.Nurturing, LeadStatus.OpenDeal })
        {
            var journey = Leads.In(status);
            var before = journey.Lead;

            var result = journey.Do(type, At(400 * 24), "reason", new TransitionData { Points = 5, ToStage = LifecycleStage.Customer });

            Assert.Equal(before.Version + 1, result.Lead.Version);
            Assert.Equal(result.Applied, result.Audit.RejectionCode is null);
        }
    }

    public static TheoryData<TransitionType> AllTypes() => [.. Enum.GetValues<TransitionType>()];

    [Fact]
    public void Sla_breach_flag_stays_while_New_and_clears_when_the_status_leaves_New()
    {
        var journey = LeadJourney.InSalesInbox(TestData.Friday);
        var due = new DateTimeOffset(2026, 3, 11, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(LeadFlags.SlaBreached, journey.Must(TransitionType.SlaBreached, due).Flags);
        Assert.Equal(LeadFlags.SlaBreached, journey.Must(TransitionType.ActivityRecorded, due.AddHours(1), data: new TransitionData { Points = 1 }).Flags);

        var lead = journey.Must(TransitionType.FirstOutreachSent, due.AddHours(2));

        Assert.Equal(LeadFlags.None, lead.Flags);
    }

    [Fact]
    public void Check_back_flag_is_cleared_by_sales_work()
    {
        var journey = Leads.In(LeadStatus.CheckBackQuarterly);
        var due = journey.Lead.NextCheckBackAt!.Value;
        journey.Must(TransitionType.CheckBackDue, due);
        Assert.Equal(LeadFlags.CheckBackDue, journey.Must(TransitionType.ActivityRecorded, due.AddHours(1), data: new TransitionData { Points = 1 }).Flags);
        Assert.Equal(LeadFlags.CheckBackDue, journey.Must(TransitionType.Unsubscribed, due.AddHours(2)).Flags);

        var lead = journey.Must(TransitionType.ContactMade, due.AddHours(3));

        Assert.Equal(LeadFlags.None, lead.Flags);
    }

    [Fact]
    public void Check_back_flag_is_cleared_by_rescheduling_the_check_back()
    {
        var journey = Leads.In(LeadStatus.CheckBackQuarterly);
        var due = journey.Lead.NextCheckBackAt!.Value;
        journey.Must(TransitionType.CheckBackDue, due);

        var lead = journey.Must(TransitionType.CheckBackLater, due.AddDays(1));

        Assert.Equal(LeadFlags.None, lead.Flags);
        Assert.Equal(due.AddDays(1).AddMonths(3), lead.NextCheckBackAt);
    }

    /// <summary>A lead stored in <paramref name="status"/> whatever path led there: the store's way in.</summary>
    private static Lead LeadIn(LeadStatus status) => Lead.Restore(
        id: "lead-x",
        person: TestData.GoodFit(),
        stage: LifecycleStage.SQL,
        status: status,
        ownerTeam: Team.Sales,
        owner: "rep-ann",
        fit: Fit.Good,
        fitScore: 100,
        interest: Interest.High,
        activityScore: 50,
        flags: LeadFlags.None,
        stageStamps: StampBook.Start(LifecycleStage.SQL, T0),
        statusStamps: StampBook.Start(status, T0),
        campaigns: CampaignStamps.None,
        createdAt: T0,
        lastContactAt: null,
        handedToSalesAt: T0,
        lastActivityAt: T0,
        nextCheckBackAt: null,
        nextResurfaceAt: null,
        suppressedReason: null,
        lastFormId: null,
        consent: false,
        lastMessage: null,
        dealId: null,
        version: 7);
}
