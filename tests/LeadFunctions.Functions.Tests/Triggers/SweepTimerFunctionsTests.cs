using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Engine.Transitions;
using LeadFunctions.Functions.Sweeps;
using LeadFunctions.Functions.Tests.Support;
using Microsoft.Azure.Functions.Worker;

namespace LeadFunctions.Functions.Tests.Triggers;

/// <summary>Each timer function runs its own sweep (and only it), and says so when the host calls it late.</summary>
public sealed class SweepTimerFunctionsTests : IDisposable
{
    private static readonly string[] SweepNames = ["disqualify-no-contact", "recycle-dark", "flag-check-backs", "flag-sla-breaches"];

    private readonly FunctionsApp _app = new();

    public void Dispose() => _app.Dispose();

    private static Task Run(SweepTimerFunctions functions, string function, TimerInfo timer) => function switch
    {
        "DisqualifyNoContact" => functions.DisqualifyNoContact(timer, CancellationToken.None),
        "RecycleDark" => functions.RecycleDark(timer, CancellationToken.None),
        "FlagCheckBacks" => functions.FlagCheckBacks(timer, CancellationToken.None),
        "FlagSlaBreaches" => functions.FlagSlaBreaches(timer, CancellationToken.None),
        "AssignQueued" => functions.AssignQueued(timer, CancellationToken.None),
        "SuppressUnengaged" => functions.SuppressUnengaged(timer, CancellationToken.None),
        "DecayInterest" => functions.DecayInterest(timer, CancellationToken.None),
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "No such timer function."),
    };

    private List<string> SweepRunnerLines() => [.. _app.Logs.Entries.Where(e => e.Contains("LeadFunctions.Engine.Sweeps.SweepRunner:", StringComparison.Ordinal))];

    [Theory]
    [InlineData("DisqualifyNoContact", "disqualify-no-contact")]
    [InlineData("RecycleDark", "recycle-dark")]
    [InlineData("FlagCheckBacks", "flag-check-backs")]
    [InlineData("FlagSlaBreaches", "flag-sla-breaches")]
    [InlineData("AssignQueued", "assign-queued")]
    [InlineData("SuppressUnengaged", "suppress-unengaged")]
    [InlineData("DecayInterest", "decay-interest")]
    public async Task Timer_runs_its_own_sweep_and_no_other(string function, string sweep)
    {
        await Run(_app.Create<SweepTimerFunctions>(), function, new TimerInfo());

        var lines = SweepRunnerLines();
        Assert.Contains(lines, line => line.Contains("Sweep=" + sweep, StringComparison.Ordinal));
        foreach (var other in SweepNames.Where(name => name != sweep))
        {
            Assert.DoesNotContain(lines, line => line.Contains("Sweep=" + other + " ", StringComparison.Ordinal) || line.EndsWith("Sweep=" + other, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(_app.Logs.Entries, e => e.StartsWith("Warning", StringComparison.Ordinal) && e.Contains("late", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("DisqualifyNoContact", "disqualify-no-contact")]
    [InlineData("RecycleDark", "recycle-dark")]
    [InlineData("FlagCheckBacks", "flag-check-backs")]
    [InlineData("FlagSlaBreaches", "flag-sla-breaches")]
    [InlineData("AssignQueued", "assign-queued")]
    [InlineData("SuppressUnengaged", "suppress-unengaged")]
    [InlineData("DecayInterest", "decay-interest")]
    public async Task A_late_run_is_logged_as_a_warning_naming_the_sweep(string function, string sweep)
    {
        await Run(_app.Create<SweepTimerFunctions>(), function, new TimerInfo { IsPastDue = true });

        Assert.Contains(_app.Logs.Entries, e => e.StartsWith("Warning", StringComparison.Ordinal)
            && e.Contains("running late", StringComparison.Ordinal)
            && e.Contains("Sweep=" + sweep, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_no_contact_timer_disqualifies_an_sql_nobody_contacted_in_thirty_days()
    {
        var leadId = await _app.SubmitPricingFormAsync("untouched@acme-analytics.com");
        _app.Time.Advance(TimeSpan.FromDays(31));

        await _app.Create<SweepTimerFunctions>().DisqualifyNoContact(new TimerInfo(), CancellationToken.None);

        // The timer queues the command; the Service Bus trigger's handler applies it.
        var handler = _app.Create<TransitionMessageHandler>();
        foreach (var envelope in _app.Publisher.Sent)
        {
            await handler.HandleAsync(TransitionJson.Serialize(envelope), CancellationToken.None);
        }

        var stored = await _app.Store.GetAsync(leadId, CancellationToken.None);
        Assert.Equal(LeadStatus.Disqualified, stored!.Lead.Status);
    }
}
