using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Processing;
using LeadFunctions.Engine.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadFunctions.Engine.Tests.Processing;

/// <summary>Issue 14, item 5: the processor carries out the playbook's breach action in the breach's one write.</summary>
public sealed class SlaBreachProcessingTests : IDisposable
{
    private const string Team = "inbound-sales";
    private const string Email = "ana@acme.example";
    private readonly Harness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task Breach_reassigns_the_lead_to_another_rep_of_its_team()
    {
        var (lead, breach) = OwnedByAnn(Harness.Playbook);

        var outcome = await _h.Processor.ProcessAsync(lead.Id, Harness.Command(TransitionType.SlaBreached, "sweep:sla", breach, "sweep:flag-sla-breaches"), CancellationToken.None);

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        var save = Assert.Single(_h.Saves);
        Assert.NotEqual("rep-ann", save.Lead.Owner);
        Assert.Contains(save.Lead.Owner!, Harness.Playbook.Routing.FindTeam(Team)!.Reps.Select(r => r.Id));
        Assert.Equal(("rep-ann", save.Lead.Owner), (save.Audit.FromOwner, save.Audit.ToOwner));
        Assert.Contains(new SkippedRep("rep-ann", RepStanding.PassedOver), save.Audit.Assignment!.Skipped);
        Assert.Equal(LeadFlags.SlaBreached, save.Lead.Flags);
        Assert.Equal(1, _h.Metrics.Sum("leadfunctions.sla.breaches", ("action", "reassign")));

        // The new rep's clock starts now: the lead is owed the new rep's warning, not another breach at once.
        var sla = Assert.Single(save.DueAfter, d => d.Sweep == SweepKind.FlagSlaBreaches);
        Assert.True(sla.DueAt > breach);
    }

    [Fact]
    public async Task Breach_escalates_the_lead_to_the_team_manager()
    {
        var escalating = Harness.Playbook with
        {
            Sla = Harness.Playbook.Sla.SetItem(LeadStatus.New, new StatusSla { BusinessDays = 3, WarnBeforeHours = 8, OnBreach = SlaBreachAction.Escalate }),
        };
        var (lead, breach) = OwnedByAnn(escalating);

        await ProcessorFor(escalating).ProcessAsync(lead.Id, Harness.Command(TransitionType.SlaBreached, "sweep:sla", breach, "sweep:flag-sla-breaches"), CancellationToken.None);

        var save = Assert.Single(_h.Saves);
        Assert.Equal("mgr-mia", save.Lead.Owner);
        Assert.Equal(("rep-ann", "mgr-mia"), (save.Audit.FromOwner, save.Audit.ToOwner));
        Assert.DoesNotContain(save.DueAfter, d => d.Sweep == SweepKind.FlagSlaBreaches);
        Assert.Equal(1, _h.Metrics.Sum("leadfunctions.sla.breaches", ("action", "escalate")));
    }

    [Fact]
    public async Task Warning_is_counted_and_keeps_the_owner()
    {
        var (lead, breach) = OwnedByAnn(Harness.Playbook);

        await _h.Processor.ProcessAsync(lead.Id, Harness.Command(TransitionType.SlaWarning, "sweep:warn", breach.AddHours(-8), "sweep:flag-sla-breaches"), CancellationToken.None);

        var save = Assert.Single(_h.Saves);
        Assert.Equal("rep-ann", save.Lead.Owner);
        Assert.Equal(LeadFlags.SlaWarning, save.Lead.Flags);
        Assert.Equal(1, _h.Metrics.Sum("leadfunctions.sla.warnings"));
        Assert.Equal(0, _h.Metrics.Sum("leadfunctions.sla.breaches"));
    }

    /// <summary>A lead routing placed with rep-ann at the harness start, stored and loadable; and when its New SLA runs out, which is now.</summary>
    private (Lead Lead, DateTimeOffset Breach) OwnedByAnn(Playbook playbook)
    {
        var machine = new StateMachine(playbook);
        var submitted = machine.Apply(Harness.LeadIdOf(Email), null, Harness.FormCommand("contact-us", Email, "sub:seed", Harness.Start), Harness.Start);
        var lead = StateMachine.Assign(submitted, new Assignment(Team, null, "rep-ann", "next in rotation", Harness.Start, [])).Lead;
        var schedule = new SweepSchedule(playbook);
        _h.OnLoad(new StoredLead(lead, "e1", [.. schedule.DueDates(lead)]));
        var breach = schedule.SlaDueAt(lead)!.Value;
        _h.Time.SetUtcNow(breach);
        return (lead, breach);
    }

    private LeadCommandProcessor ProcessorFor(Playbook playbook) => new(
        _h.Store.Object, new StateMachine(playbook), new SweepSchedule(playbook), _h.Cache, _h.Assigner, _h.Relay, _h.Time, _h.Telemetry,
        NullLogger<LeadCommandProcessor>.Instance);
}
