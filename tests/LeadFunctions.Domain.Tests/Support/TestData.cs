using System.Collections.Immutable;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Domain.Tests.Support;

/// <summary>Fixed instants, people and playbook variants shared by the tests.</summary>
internal static class TestData
{
    /// <summary>The shipped playbook, parsed once (it is immutable).</summary>
    public static readonly Playbook Default = PlaybookJson.Default();

    /// <summary>Monday 2 March 2026, 09:00 UTC: no holiday near it.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Friday 6 March 2026, 10:00 UTC.</summary>
    public static readonly DateTimeOffset Friday = new(2026, 3, 6, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Scores 100 with the default fit rules: base 30, 20-5000 employees, VP title, US.</summary>
    public static Person GoodFit(string email = "jane.doe@acme.example") =>
        new(email, "Jane", "Doe", "Acme", "VP Sales", "+1 555 0100", "US", 250);

    /// <summary>Scores -30 with the default fit rules: personal e-mail domain and nothing else.</summary>
    public static Person LowFit(string email = "joe.bloggs@gmail.com") => new(email, "Joe");

    public static Playbook WithSalEnabled(this Playbook playbook) => playbook with
    {
        Stages = [.. playbook.Stages.Select(s => s.Name == LifecycleStage.SAL ? s with { Enabled = true } : s)],
    };

    public static Playbook LettingLowFitHandRaisersIn(this Playbook playbook) => playbook with
    {
        Routing = playbook.Routing with { KeepLowFitHandRaisersOutOfSalesInbox = false },
    };

    /// <summary>"Hot! Hot! Hot!" stays with marketing until the activity threshold: the playbook's other choice.</summary>
    public static Playbook WithoutHotHandOff(this Playbook playbook) => playbook with
    {
        Quadrants = playbook.Quadrants.SetItem(Quadrant.HighInterestGoodFit, playbook.Quadrants[Quadrant.HighInterestGoodFit] with { HandOff = false }),
    };

    /// <summary>Lists the only stages a lead in <paramref name="stage"/> may be moved back to.</summary>
    public static Playbook AllowingRegress(this Playbook playbook, LifecycleStage stage, params LifecycleStage[] targets) => playbook with
    {
        Stages = [.. playbook.Stages.Select(s => s.Name == stage ? s with { RegressTo = [.. targets] } : s)],
    };

    /// <summary>A check-back that comes due stays with the rep in Check Back Quarterly instead of going back to the inbox.</summary>
    public static Playbook KeepingCheckBacksWithTheRep(this Playbook playbook) => playbook with
    {
        Thresholds = playbook.Thresholds with { CheckBackHandsToSales = false },
    };

    /// <summary>Sets one status's service level, replacing the shipped one for that status.</summary>
    public static Playbook WithSla(this Playbook playbook, LeadStatus status, StatusSla sla) => playbook with
    {
        Sla = playbook.Sla.SetItem(status, sla),
    };

    /// <summary>No quadrant names a status for "not interested": every such lead is disqualified.</summary>
    public static Playbook WithoutNotInterestedStatuses(this Playbook playbook) => playbook with
    {
        Quadrants = playbook.Quadrants.ToImmutableDictionary(q => q.Key, q => q.Value with { NotInterestedStatus = null }),
    };

    /// <summary>Adds an informational form with no campaign of its own, to reach the playbook's default campaign.</summary>
    public static Playbook WithUncampaignedForm(this Playbook playbook, string formId = "ebook") => playbook with
    {
        Forms = playbook.Forms.SetItem(formId, new FormDefinition { Intent = FormIntent.Informational, ActivityPoints = 5 }),
    };

    public static TransitionCommand Form(string formId, Person person, DateTimeOffset at, string? campaign = null, bool consent = true, string? id = null) =>
        new(id ?? $"sub:{formId}:{at.UtcTicks}", TransitionType.FormSubmitted, at, "form:" + formId,
            Data: new TransitionData { Submission = new FormSubmission(formId, person, campaign, null, null, consent) });

    public static TransitionCommand Command(TransitionType type, DateTimeOffset at, string? reason = null, TransitionData? data = null, string actor = "rep-ann", string? id = null) =>
        new(id ?? $"cmd:{type}:{at.UtcTicks}", type, at, actor, reason, data);
}
