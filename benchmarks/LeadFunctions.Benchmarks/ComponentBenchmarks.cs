using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Benchmarks;

/// <summary>The building blocks StateMachine.Apply and the processor spend their time and allocations on.</summary>
[MemoryDiagnoser]
[ShortRunJob]
public class ComponentBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private Lead _lead = null!;
    private SweepSchedule _schedule = null!;
    private ImmutableDictionary<LeadStatus, Stamp> _statusBook = null!;

    [GlobalSetup]
    public void Setup()
    {
        var playbook = PlaybookJson.Default();
        _schedule = new SweepSchedule(playbook);
        var person = new Person("ada.lovelace@example.com", "Ada", "Lovelace", "Analytical Engines Ltd", "VP Engineering", null, "GB", 250);
        var command = new TransitionCommand("sub:x", TransitionType.FormSubmitted, Now, "form:contact-us",
            Data: new TransitionData { Submission = new FormSubmission("contact-us", person, null, null, null, true) });
        _lead = new StateMachine(playbook).Apply("ld-benchmarkleadsqlnew0000000", null, command, Now).Lead;
        _statusBook = _lead.StatusStamps;
    }

    /// <summary>One stamp book for a new lead (done twice per new lead, four times when it starts in SQL).</summary>
    [Benchmark]
    public ImmutableDictionary<LeadStatus, Stamp> StampBook_Start() => StampBook.Start(LeadStatus.New, Now);

    /// <summary>One status move (builder round trip), done by every status-changing transition.</summary>
    [Benchmark]
    public ImmutableDictionary<LeadStatus, Stamp> StampBook_Move() => StampBook.Move(_statusBook, LeadStatus.New, LeadStatus.Connected, Now);

    /// <summary>One record copy: every change method on the lead is one `with` inside it.</summary>
    [Benchmark]
    public Lead Lead_With() => _lead.WithFlag(LeadFlags.CheckBackDue);

    /// <summary>Due dates of one lead (the processor does this twice per command, then hashes and diffs them).</summary>
    [Benchmark]
    public int SweepSchedule_DueDates() => _schedule.DueDates(_lead).Count();

    /// <summary>The same due dates into a HashSet, as LeadCommandProcessor does.</summary>
    [Benchmark]
    public int SweepSchedule_DueDates_ToHashSet() => _schedule.DueDates(_lead).ToHashSet().Count;

    /// <summary>Reading EnteredStatusAt (an ImmutableDictionary lookup keyed by an enum) as the due-date rules do.</summary>
    [Benchmark]
    public DateTimeOffset Lead_EnteredStatusAt() => _lead.EnteredStatusAt;
}
