using System.Collections.Immutable;

namespace LeadFunctions.Domain.Routing;

/// <summary>
/// A team's weighted round robin, as stride scheduling: every rep has a pass; the lead goes to the available rep with
/// the lowest pass, whose pass then grows by <see cref="Scale"/> / weight. Over any run of picks each rep's share is
/// its weight's share (a weight-2 rep takes two in a row, then the others take theirs), and nothing resets when reps
/// join, leave or change weight: the passes are the memory.
/// A rep who was away (out of office, at capacity) keeps a low pass; if it were honoured they would take every lead
/// until they caught up. <see cref="VirtualTime"/>, the pass the last pick was made at, is the floor a returning rep is
/// raised to, so they take their share from their return on, not a catch-up.
/// </summary>
public sealed record RepRotation
{
    /// <summary>Large enough that Scale / weight is exact for every weight from 1 to 16 and close for the rest.</summary>
    public const long Scale = 720_720;

    public static readonly RepRotation Empty = new();

    public ImmutableDictionary<string, long> Passes { get; init; } = ImmutableDictionary<string, long>.Empty;

    public long VirtualTime { get; init; }

    /// <summary>Leads each rep was given by this rotation, ever: what the passes mean, in numbers people read.</summary>
    public ImmutableDictionary<string, long> Counts { get; init; } = ImmutableDictionary<string, long>.Empty;

    /// <summary>
    /// The last picks by the id of what asked (a command), newest last: a command redelivered after its pick was saved
    /// but before its lead was, gets the same rep again instead of a second turn.
    /// </summary>
    public ImmutableArray<RecentPick> Recent { get; init; } = [];

    /// <summary>
    /// How many picks <see cref="Recent"/> remembers; far more than a command's redeliveries can interleave with, and
    /// twice a group of picks decided together (groups of 32 held a burst of 200 hand-raises a second to about 170).
    /// At most 128 command ids of 128 characters stay within a table property's 32K characters.
    /// </summary>
    public const int RecentCapacity = 128;

    /// <param name="team">The team's reps in the playbook's order, which breaks ties.</param>
    /// <param name="standingOf">Whether each rep can take a lead now.</param>
    /// <param name="pickId">What asks for the pick (a command id); the same id gets the same answer.</param>
    public RotationPick Pick(TeamDefinition team, Func<RepDefinition, RepStanding> standingOf, string? pickId = null)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(standingOf);
        if (pickId is not null && Recent.FirstOrDefault(r => r.PickId == pickId) is { } earlier)
        {
            return new RotationPick(earlier.Rep, this, [], Repeated: true);
        }

        var skipped = ImmutableArray.CreateBuilder<SkippedRep>();
        RepDefinition? chosen = null;
        var chosenPass = long.MaxValue;
        foreach (var rep in team.Reps)
        {
            var standing = standingOf(rep);
            if (standing != RepStanding.Available)
            {
                skipped.Add(new SkippedRep(rep.Id, standing));
                continue;
            }

            var pass = PassOf(rep.Id);
            if (pass < chosenPass)
            {
                chosen = rep;
                chosenPass = pass;
            }
        }

        if (chosen is null)
        {
            return new RotationPick(null, this, skipped.ToImmutable());
        }

        var recent = pickId is null ? Recent : Recent.Add(new RecentPick(pickId, chosen.Id));
        var next = this with
        {
            VirtualTime = chosenPass,
            Passes = Passes.SetItem(chosen.Id, chosenPass + (Scale / Math.Max(1, chosen.Weight))),
            Counts = Counts.SetItem(chosen.Id, Counts.GetValueOrDefault(chosen.Id) + 1),
            Recent = recent.Length > RecentCapacity ? recent.RemoveRange(0, recent.Length - RecentCapacity) : recent,
        };
        return new RotationPick(chosen.Id, next, skipped.ToImmutable());
    }

    /// <summary>
    /// Undoes the remembered pick <paramref name="pickId"/>: its rep's pass and count go back by one turn and the pick is
    /// forgotten, so the rep is next in line again. For a turn spent on a lead that, as stored, did not need it. The
    /// same rotation when the pick is not remembered (given back already, or long ago).
    /// </summary>
    public RepRotation GiveBack(TeamDefinition team, string pickId)
    {
        ArgumentNullException.ThrowIfNull(team);
        if (Recent.FirstOrDefault(r => r.PickId == pickId) is not { } given)
        {
            return this;
        }

        var rep = given.Rep;
        var stride = Scale / Math.Max(1, team.FindRep(rep)?.Weight ?? 1);
        return this with
        {
            Passes = Passes.TryGetValue(rep, out var pass) ? Passes.SetItem(rep, pass - stride) : Passes,
            Counts = Counts.SetItem(rep, Math.Max(0, Counts.GetValueOrDefault(rep) - 1)),
            Recent = Recent.Remove(given),
        };
    }

    /// <summary>A rep never seen, or seen long ago, starts level with the rotation rather than ahead of everyone.</summary>
    private long PassOf(string rep) => Math.Max(Passes.GetValueOrDefault(rep, VirtualTime), VirtualTime);
}
