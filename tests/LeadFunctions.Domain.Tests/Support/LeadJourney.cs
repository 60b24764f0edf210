using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.Tests.Support;

/// <summary>Drives one lead through the state machine, keeping the latest lead and result.</summary>
internal sealed class LeadJourney
{
    public const string LeadId = "lead-1";

    private readonly StateMachine _machine;
    private Lead? _lead;

    public LeadJourney(Playbook? playbook = null) => _machine = new StateMachine(playbook ?? TestData.Default);

    public Lead Lead => _lead ?? throw new InvalidOperationException("No form has been submitted yet.");

    public TransitionResult? Last { get; private set; }

    public static LeadJourney StartWith(string formId, Person person, DateTimeOffset at, Playbook? playbook = null, string? campaign = null)
    {
        var journey = new LeadJourney(playbook);
        journey.Submit(formId, person, at, campaign);
        return journey;
    }

    /// <summary>A good-fit pricing request: the lead starts in SQL / New, owned by sales.</summary>
    public static LeadJourney InSalesInbox(DateTimeOffset at, Playbook? playbook = null) =>
        StartWith("pricing", TestData.GoodFit(), at, playbook);

    /// <summary>A good-fit whitepaper download: the lead starts in MQL / Nurturing, owned by marketing.</summary>
    public static LeadJourney Nurtured(DateTimeOffset at, Playbook? playbook = null) =>
        StartWith("whitepaper", TestData.GoodFit(), at, playbook);

    public TransitionResult Submit(string formId, Person person, DateTimeOffset at, string? campaign = null, bool consent = true) =>
        Apply(TestData.Form(formId, person, at, campaign, consent));

    public TransitionResult Do(TransitionType type, DateTimeOffset at, string? reason = null, TransitionData? data = null, string actor = "rep-ann") =>
        Apply(TestData.Command(type, at, reason, data, actor));

    /// <summary>Applies a command that the test expects to be applied, failing with the rejection code otherwise.</summary>
    public Lead Must(TransitionType type, DateTimeOffset at, string? reason = null, TransitionData? data = null)
    {
        var result = Do(type, at, reason, data);
        Assert.True(result.Applied, $"{type} was rejected: {result.Audit.RejectionCode}");
        return result.Lead;
    }

    /// <summary>Places the last result's handoff with the rep routing would have chosen, as the engine does.</summary>
    public TransitionResult Place(Assignment assignment)
    {
        var result = StateMachine.Assign(Last ?? throw new InvalidOperationException("Nothing was applied yet."), assignment);
        _lead = result.Lead;
        Last = result;
        return result;
    }

    public TransitionResult Apply(TransitionCommand command)
    {
        var result = _machine.Apply(LeadId, _lead, command, command.OccurredAt.AddSeconds(1));
        _lead = result.Lead;
        Last = result;
        return result;
    }
}
