using BenchmarkDotNet.Attributes;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Storage.Leads;

namespace LeadFunctions.Benchmarks;

/// <summary>
/// The CPU work of one command, without storage: classification of a form submission (new and known lead) and
/// application of rep/marketing transitions through <see cref="StateMachine.Apply"/>, plus the due-date diff the
/// processor computes per command and the lead JSON round trip the store does per command.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class StateMachineBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private StateMachine _machine = null!;
    private SweepSchedule _schedule = null!;
    private TransitionCommand _contactUs = null!;
    private TransitionCommand _whitepaper = null!;
    private TransitionCommand _contactMade = null!;
    private TransitionCommand _activity = null!;
    private Lead _sqlNew = null!;
    private Lead _mqlNurturing = null!;
    private string _sqlNewJson = null!;

    [GlobalSetup]
    public void Setup()
    {
        var playbook = PlaybookJson.Default();
        _machine = new StateMachine(playbook);
        _schedule = new SweepSchedule(playbook);
        var person = new Person("ada.lovelace@example.com", "Ada", "Lovelace", "Analytical Engines Ltd", "VP Engineering", "+44 20 7946 0000", "GB", 250);
        _contactUs = Submission("sub:bench-1", "contact-us", person);
        _whitepaper = Submission("sub:bench-2", "whitepaper", person);
        _contactMade = new TransitionCommand("evt:bench-3", TransitionType.ContactMade, Now, "rep-1");
        _activity = new TransitionCommand("evt:bench-4", TransitionType.ActivityRecorded, Now, "marketing-automation", Data: new TransitionData { Points = 5 });

        _sqlNew = _machine.Apply("ld-benchmarkleadsqlnew0000000", null, _contactUs, Now.AddDays(-1)).Lead;
        _mqlNurturing = _machine.Apply("ld-benchmarkleadmqlnurturing0", null, _whitepaper, Now.AddDays(-1)).Lead;
        _sqlNewJson = LeadDocuments.Write(_sqlNew);
        if (_sqlNew.Stage != LifecycleStage.SQL || _mqlNurturing.Status != LeadStatus.Nurturing)
        {
            throw new InvalidOperationException($"Unexpected fixtures: {_sqlNew.Stage}/{_sqlNew.Status}, {_mqlNurturing.Stage}/{_mqlNurturing.Status}.");
        }
    }

    /// <summary>FormSubmitted for a person with no lead yet (action form: straight to SQL/New).</summary>
    [Benchmark]
    public TransitionResult FormSubmitted_NewLead() => _machine.Apply("ld-benchmarkleadnew0000000000", null, _contactUs, Now);

    /// <summary>FormSubmitted for a known MQL/Nurturing lead (action form: hand-raise to SQL).</summary>
    [Benchmark]
    public TransitionResult FormSubmitted_KnownLead() => _machine.Apply(_mqlNurturing.Id, _mqlNurturing, _contactUs, Now);

    /// <summary>FormSubmitted for a known lead, informational form (stays MQL, activity added).</summary>
    [Benchmark]
    public TransitionResult FormSubmitted_KnownLead_Informational() => _machine.Apply(_mqlNurturing.Id, _mqlNurturing, _whitepaper, Now);

    [Benchmark]
    public TransitionResult ContactMade() => _machine.Apply(_sqlNew.Id, _sqlNew, _contactMade, Now);

    [Benchmark]
    public TransitionResult ActivityRecorded() => _machine.Apply(_mqlNurturing.Id, _mqlNurturing, _activity, Now);

    /// <summary>What LeadCommandProcessor computes besides Apply: due dates before and after, as hash sets, and both differences.</summary>
    [Benchmark]
    public int ProcessorDueDiff_ContactMade()
    {
        var result = _machine.Apply(_sqlNew.Id, _sqlNew, _contactMade, Now);
        var before = _schedule.DueDates(_sqlNew).ToHashSet();
        var after = _schedule.DueDates(result.Lead).ToHashSet();
        return after.Except(before).Count() + before.Except(after).Count();
    }

    /// <summary>The store's per-command lead (de)serialisation (State column): the lead to its LeadDocument and back.</summary>
    [Benchmark]
    public string LeadJson_Serialize() => LeadDocuments.Write(_sqlNew);

    [Benchmark]
    public Lead LeadJson_Deserialize() => LeadDocuments.Read(_sqlNewJson);

    private static TransitionCommand Submission(string id, string formId, Person person) => new(
        id,
        TransitionType.FormSubmitted,
        Now,
        "form:" + formId,
        Data: new TransitionData { Submission = new FormSubmission(formId, person, "spring-launch", "google", "cpc", Consent: true) });
}
