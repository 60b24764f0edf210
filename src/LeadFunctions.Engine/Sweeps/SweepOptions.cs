using System.ComponentModel.DataAnnotations;
using LeadFunctions.Domain.Sweeps;

namespace LeadFunctions.Engine.Sweeps;

public sealed class SweepOptions
{
    public const string Section = "Sweeps";

    /// <summary>Due entries read per storage round trip; bounds the memory a sweep holds.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>Leads of one page handled at once. Each change touches only its own lead's rows, so they do not contend.</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 4;

    /// <summary>
    /// Queue each due lead's command on the transition queue instead of applying it here, so sweep commands and reps'
    /// commands for one lead go through the same ordered session (Service Bus) and the timer finishes fast.
    /// </summary>
    public bool FanOut { get; set; }

    // Same keys as the Azure timer triggers' "%Sweeps:<Name>:Schedule%" bindings, so one app setting drives both hosts.
    public SweepTimer DisqualifyNoContact { get; set; } = new() { Schedule = "0 15 6 * * *" };

    public SweepTimer RecycleDark { get; set; } = new() { Schedule = "0 30 6 * * *" };

    public SweepTimer FlagCheckBacks { get; set; } = new() { Schedule = "0 0 7 * * *" };

    public SweepTimer FlagSlaBreaches { get; set; } = new() { Schedule = "0 */30 * * * *" };

    public SweepTimer TimerFor(SweepKind sweep) => sweep switch
    {
        SweepKind.DisqualifyNoContact => DisqualifyNoContact,
        SweepKind.RecycleDark => RecycleDark,
        SweepKind.FlagCheckBacks => FlagCheckBacks,
        _ => FlagSlaBreaches,
    };
}

/// <summary>An NCRONTAB schedule with seconds ("0 */30 * * * *"), as Azure Functions timer triggers read it.</summary>
public sealed class SweepTimer
{
    public string Schedule { get; set; } = string.Empty;

    public static bool IsNcrontab(string? schedule)
        => schedule?.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: 6 };
}
