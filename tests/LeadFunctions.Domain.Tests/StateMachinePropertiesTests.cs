using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Tests.Support;
using LeadFunctions.Domain.Transitions;
using TestData = LeadFunctions.Domain.Tests.Support.TestData;

namespace LeadFunctions.Domain.Tests;

/// <summary>
/// Invariants over random command sequences: a form submission creates the lead, then up to 30 commands of any type,
/// with random data and non-decreasing <c>OccurredAt</c> (ties included), are applied in order.
/// </summary>
public sealed class StateMachinePropertiesTests
{
    [Property(Arbitrary = [typeof(JourneyArbitrary)], MaxTest = 100)]
    public void Stage_never_decreases_except_through_an_applied_regress(Journey journey)
    {
        foreach (var (step, before, result) in journey.Run())
        {
            if (result.Lead.Stage < before.Stage)
            {
                Assert.True(
                    result.Audit.Type == TransitionType.Regress && result.Applied,
                    $"{step} moved the stage back from {before.Stage} to {result.Lead.Stage}");
            }
        }
    }

    [Property(Arbitrary = [typeof(JourneyArbitrary)], MaxTest = 100)]
    public void Stamps_stay_consistent(Journey journey)
    {
        var visitedStages = new HashSet<LifecycleStage>();
        var visitedStatuses = new HashSet<LeadStatus>();
        foreach (var (step, _, result) in journey.Run(includeCreation: true))
        {
            var lead = result.Lead;
            visitedStages.Add(lead.Stage);
            visitedStatuses.Add(lead.Status);
            AssertConsistent(lead.StageStamps, lead.Stage, visitedStages, $"stage after {step}");
            AssertConsistent(lead.StatusStamps, lead.Status, visitedStatuses, $"status after {step}");
        }
    }

    [Property(Arbitrary = [typeof(JourneyArbitrary)], MaxTest = 100)]
    public void Version_increases_by_exactly_one_per_command(Journey journey)
    {
        var expected = 0L;
        foreach (var (step, _, result) in journey.Run(includeCreation: true))
        {
            expected++;
            Assert.True(expected == result.Lead.Version, $"{step}: version {result.Lead.Version}, expected {expected}");
            Assert.Equal(result.Lead.Version, result.Audit.Sequence);
        }
    }

    [Property(Arbitrary = [typeof(JourneyArbitrary)], MaxTest = 100)]
    public void Rejected_command_changes_nothing_but_the_version(Journey journey)
    {
        foreach (var (step, before, result) in journey.Run())
        {
            Assert.Equal(result.Applied, result.Audit.RejectionCode is null);
            if (result.Applied)
            {
                continue;
            }

            Assert.True(
                before.AtVersion(result.Lead.Version) == result.Lead,
                $"{step} was rejected ({result.Audit.RejectionCode}) but changed the lead");
            Assert.Equal(before.Version + 1, result.Lead.Version);
            Assert.Equal(OutcomeKind.Rejected, result.Audit.Outcome);
            Assert.Equal(before.Stage, result.Audit.FromStage);
            Assert.Equal(before.Stage, result.Audit.ToStage);
            Assert.Equal(before.Status, result.Audit.FromStatus);
            Assert.Equal(before.Status, result.Audit.ToStatus);
        }
    }

    private static void AssertConsistent<TKey>(IReadOnlyDictionary<TKey, Stamp> stamps, TKey current, HashSet<TKey> visited, string what)
        where TKey : struct, Enum
    {
        Assert.True(visited.SetEquals(stamps.Keys), $"{what}: stamped [{string.Join(", ", stamps.Keys)}] but visited [{string.Join(", ", visited)}]");
        foreach (var (key, stamp) in stamps)
        {
            Assert.True(stamp.FirstEnteredAt <= stamp.LastEnteredAt, $"{what}: {key} first entered after last entered: {stamp}");
            Assert.True(stamp.TimeInClosedVisits >= TimeSpan.Zero, $"{what}: {key} has negative time: {stamp}");
            var isCurrent = EqualityComparer<TKey>.Default.Equals(key, current);
            Assert.True(stamp.IsOpen == isCurrent, $"{what}: {key} (current {current}) IsOpen={stamp.IsOpen}: {stamp}");
        }
    }
}

/// <summary>One command of a generated journey; <see cref="GapMinutes"/> after the previous one (at least a minute).</summary>
public sealed record JourneyStep(TransitionType Type, int GapMinutes, string? Reason, TransitionData? Data)
{
    public override string ToString() => $"{Type}(+{GapMinutes}m, reason={Reason ?? "null"}, data={Describe(Data)})";

    private static string Describe(TransitionData? data) => data is null
        ? "null"
        : $"points={data.Points}, toStage={data.ToStage}, toStatus={data.ToStatus}, checkBackAt={data.CheckBackAt:u}, owner={data.Owner}, form={data.Submission?.FormId}";
}

/// <summary>A generated journey: the playbook variant, the creating submission, then the commands.</summary>
public sealed record Journey(bool SalEnabled, bool LowFitHandRaisersIn, string FirstFormId, Person FirstPerson, string? FirstCampaign, IReadOnlyList<JourneyStep> Steps)
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Playbook[] Playbooks =
    [
        TestData.Default,
        TestData.Default.WithSalEnabled(),
        TestData.Default.LettingLowFitHandRaisersIn(),
        TestData.Default.WithSalEnabled().LettingLowFitHandRaisersIn(),
    ];

    public Playbook Playbook => Playbooks[(SalEnabled ? 1 : 0) + (LowFitHandRaisersIn ? 2 : 0)];

    /// <summary>Applies the journey, yielding each command with the lead before it and the result.</summary>
    public IEnumerable<(string Step, Lead Before, TransitionResult Result)> Run(bool includeCreation = false)
    {
        var machine = new StateMachine(Playbook);
        var at = Start;
        var created = machine.Apply("lead-p", null, TestData.Form(FirstFormId, FirstPerson, at, FirstCampaign, id: "c0"), at);
        Assert.True(created.Applied);
        if (includeCreation)
        {
            yield return ($"#0 FormSubmitted({FirstFormId})", created.Lead, created);
        }

        var lead = created.Lead;
        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i];
            at = at.AddMinutes(step.GapMinutes);
            var data = step.Data is { CheckBackAt: { } offset } ? step.Data with { CheckBackAt = at + (offset - Start) } : step.Data;
            var command = new TransitionCommand($"c{i + 1}", step.Type, at, "rep-p", step.Reason, data);
            var result = machine.Apply("lead-p", lead, command, at);
            yield return ($"#{i + 1} {step} at {at:u}", lead, result);
            lead = result.Lead;
        }
    }

    public override string ToString() =>
        $"Journey(SAL={SalEnabled}, lowFitIn={LowFitHandRaisersIn}, first={FirstFormId} by {FirstPerson.Email}, campaign={FirstCampaign ?? "null"})"
        + string.Concat(Steps.Select((s, i) => $"\n  #{i + 1} {s}"));
}

/// <summary>FsCheck generators for <see cref="Journey"/>; shrinking drops commands.</summary>
public static class JourneyArbitrary
{
    private const string Email = "pat@example.org";

    private static readonly string[] FormIds = [.. TestData.Default.Forms.Keys.Order(StringComparer.Ordinal)];

    public static Arbitrary<Journey> Journeys() => Arb.From(JourneyGen(), Shrink);

    private static Gen<Journey> JourneyGen() =>
        from sal in Gen.Elements(true, false)
        from lowFitIn in Gen.Elements(true, false)
        from formId in Gen.Elements(FormIds)
        from person in PersonGen(Gen.Elements("jane.doe@acme.example", "joe.bloggs@gmail.com", Email))
        from campaign in Gen.Elements<string?>(null, null, "utm-a", "utm-b")
        from count in Gen.Choose(0, 30)
        from steps in Gen.ArrayOf(StepGen(), count)
        select new Journey(sal, lowFitIn, formId, person, campaign, steps);

    private static Gen<Person> PersonGen(Gen<string> emails) =>
        from email in emails
        from title in Gen.Elements<string?>(null, "VP Sales", "Engineer")
        from country in Gen.Elements<string?>(null, "US", "BR")
        from employees in Gen.Elements<int?>(null, 5, 250, 9000)
        select new Person(email, JobTitle: title, Country: country, Employees: employees);

    private static Gen<JourneyStep> StepGen() =>
        from type in Gen.Frequency(
            (8, Gen.Elements(Enum.GetValues<TransitionType>().Where(t => !t.IsSystem()).ToArray())),
            (3, Gen.Elements(Enum.GetValues<TransitionType>().Where(t => t.IsSystem()).ToArray())))
        from gap in Gen.Frequency(
            (6, Gen.Choose(0, 600)),
            (3, Gen.Choose(601, 60 * 24 * 10)),
            (2, Gen.Choose(60 * 24 * 20, 60 * 24 * 200)))
        from reason in Gen.Elements<string?>(null, "", "  ", "customer asked")
        from data in Gen.Frequency((1, Gen.Constant<TransitionData?>(null)), (5, DataGen()))
        select new JourneyStep(type, gap, reason, data);

    private static Gen<TransitionData?> DataGen() =>
        from points in Gen.Frequency((1, Gen.Constant<int?>(null)), (1, Gen.Choose(-5, 0).Select(p => (int?)p)), (4, Gen.Choose(1, 120).Select(p => (int?)p)))
        from toStage in Gen.Frequency((1, Gen.Constant<LifecycleStage?>(null)), (4, Gen.Elements(Enum.GetValues<LifecycleStage>()).Select(s => (LifecycleStage?)s)))
        from toStatus in Gen.Frequency((1, Gen.Constant<LeadStatus?>(null)), (1, Gen.Elements(Enum.GetValues<LeadStatus>()).Select(s => (LeadStatus?)s)))
        from checkBackDays in Gen.Frequency((2, Gen.Constant<int?>(null)), (1, Gen.Choose(-10, 200).Select(d => (int?)d)))
        from owner in Gen.Elements<string?>(null, null, "rep-bob")
        from formId in Gen.Elements([.. FormIds, "no-such-form"])
        from person in PersonGen(Gen.Constant(Email))
        from campaign in Gen.Elements<string?>(null, "utm-c")
        from consent in Gen.Elements(true, false)
        select (TransitionData?)new TransitionData
        {
            Points = points,
            ToStage = toStage,
            ToStatus = toStatus,
            CheckBackAt = checkBackDays is { } days ? Journey.Start.AddDays(days) : null, // an offset from the command's time, resolved in Run
            Owner = owner,
            Submission = new FormSubmission(formId, person, campaign, null, null, consent),
        };

    private static IEnumerable<Journey> Shrink(Journey journey)
    {
        var steps = journey.Steps;
        if (steps.Count > 1)
        {
            yield return journey with { Steps = [.. steps.Take(steps.Count / 2)] };
        }

        for (var i = steps.Count - 1; i >= 0; i--)
        {
            yield return journey with { Steps = [.. steps.Take(i), .. steps.Skip(i + 1)] };
        }
    }
}
