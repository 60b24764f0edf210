using System.ComponentModel.DataAnnotations;
using LeadFunctions.Domain.Sweeps;

namespace LeadFunctions.Engine.Sweeps;

public sealed class SweepOptions
{
    public const string Section = "Sweeps";

    /// <summary>Due entries read per storage round trip; bounds the memory a sweep holds.</summary>
    [Range(1, 1000)]
    public int PageSize { get; set; } = 100;

    /// <summary>Due leads of one page read and queued at once.</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 4;

    /// <summary>
    /// How often a running sweep saves its progress and logs one line of it: often enough for a person watching, rare
    /// enough that progress costs nothing next to the sweep's own reads.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromSeconds(3);

    // Same keys as the Azure timer triggers' "%Sweeps:<Name>:Schedule%" bindings, so one app setting drives both hosts.
    public SweepTimer DisqualifyNoContact { get; set; } = new() { Schedule = "0 15 6 * * *" };

    public SweepTimer RecycleDark { get; set; } = new() { Schedule = "0 30 6 * * *" };

    public SweepTimer FlagCheckBacks { get; set; } = new() { Schedule = "0 0 7 * * *" };

    public SweepTimer FlagSlaBreaches { get; set; } = new() { Schedule = "0 */30 * * * *" };

    /// <summary>Often: a queued lead's retry time is when a rep said they are back, and they should not wait long for it.</summary>
    public SweepTimer AssignQueued { get; set; } = new() { Schedule = "0 */5 * * * *" };

    public SweepTimer SuppressUnengaged { get; set; } = new() { Schedule = "0 45 6 * * *" };

    public SweepTimer DecayInterest { get; set; } = new() { Schedule = "0 0 6 * * *" };

    public SweepTimer TimerFor(SweepKind sweep) => sweep switch
    {
        SweepKind.DisqualifyNoContact => DisqualifyNoContact,
        SweepKind.RecycleDark => RecycleDark,
        SweepKind.FlagCheckBacks => FlagCheckBacks,
        SweepKind.FlagSlaBreaches => FlagSlaBreaches,
        SweepKind.AssignQueued => AssignQueued,
        SweepKind.SuppressUnengaged => SuppressUnengaged,
        SweepKind.DecayInterest => DecayInterest,
        _ => throw new ArgumentOutOfRangeException(nameof(sweep), sweep, "Not a sweep."),
    };
}
