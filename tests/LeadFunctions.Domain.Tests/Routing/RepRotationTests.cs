using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LeadFunctions.Domain.Routing;

namespace LeadFunctions.Domain.Tests.Routing;

/// <summary>
/// The weighted round robin over many picks: shares follow weights in any window, reps who cannot take a lead are
/// passed by (and say why), and a rep back from an absence takes their share from then on, not a catch-up.
/// </summary>
public sealed class RepRotationTests
{
    private static readonly TeamDefinition Inbound = new()
    {
        Id = "inbound-sales",
        Reps = [new() { Id = "rep-ann", Weight = 2 }, new() { Id = "rep-ben", Weight = 1 }, new() { Id = "rep-cat", Weight = 1 }],
    };

    private static List<string> Run(ref RepRotation rotation, TeamDefinition team, int picks, Func<RepDefinition, RepStanding>? standing = null)
    {
        var chosen = new List<string>(picks);
        for (var i = 0; i < picks; i++)
        {
            var pick = rotation.Pick(team, standing ?? (_ => RepStanding.Available));
            chosen.Add(pick.Rep!);
            rotation = pick.Next;
        }

        return chosen;
    }

    private static double Share(IEnumerable<string> picks, string rep) => 100.0 * picks.Count(p => p == rep) / picks.Count();

    [Fact]
    public void Over_ten_thousand_picks_each_share_is_within_two_points_of_its_weight_share()
    {
        var rotation = RepRotation.Empty;

        var picks = Run(ref rotation, Inbound, 10_000);

        Assert.InRange(Share(picks, "rep-ann"), 48, 52);
        Assert.InRange(Share(picks, "rep-ben"), 23, 27);
        Assert.InRange(Share(picks, "rep-cat"), 23, 27);
    }

    [Property(MaxTest = 200)]
    public Property Any_window_of_picks_follows_the_weights(PositiveInt start, PositiveInt length)
    {
        var rotation = RepRotation.Empty;
        var picks = Run(ref rotation, Inbound, 2_000);
        var from = start.Get % 1_000;
        var window = picks.Skip(from).Take(40 + (length.Get % 900)).ToList();

        // In any window a rep is at most one full round (its weight) away from its exact share.
        var exact = window.Count / 4.0;
        return (Math.Abs(window.Count(p => p == "rep-ann") - (2 * exact)) <= 2
                && Math.Abs(window.Count(p => p == "rep-ben") - exact) <= 1
                && Math.Abs(window.Count(p => p == "rep-cat") - exact) <= 1)
            .ToProperty();
    }

    [Fact]
    public void No_rep_gets_more_leads_in_a_row_than_its_weight()
    {
        var rotation = RepRotation.Empty;
        var picks = Run(ref rotation, Inbound, 1_000);

        var longest = picks.Select((rep, i) => (rep, i))
            .Aggregate((Run: 0, Best: new Dictionary<string, int>(), Last: ""), (acc, p) =>
            {
                var run = p.rep == acc.Last ? acc.Run + 1 : 1;
                acc.Best[p.rep] = Math.Max(acc.Best.GetValueOrDefault(p.rep), run);
                return (run, acc.Best, p.rep);
            }).Best;

        Assert.Equal(2, longest["rep-ann"]);
        Assert.Equal(1, longest["rep-ben"]);
        Assert.Equal(1, longest["rep-cat"]);
    }

    [Fact]
    public void A_rep_back_from_a_week_away_gets_no_more_than_their_weight_share_of_what_follows()
    {
        var rotation = RepRotation.Empty;
        Run(ref rotation, Inbound, 100);

        // Ben is out of office for a week of leads.
        var away = Run(ref rotation, Inbound, 700, rep => rep.Id == "rep-ben" ? RepStanding.Unavailable : RepStanding.Available);
        Assert.DoesNotContain("rep-ben", away);

        var after = Run(ref rotation, Inbound, 1_000);

        Assert.InRange(after.Count(p => p == "rep-ben"), 240, 251);
        Assert.DoesNotContain(after.Take(10).GroupBy(p => p), g => g.Key == "rep-ben" && g.Count() > 3);
    }

    [Fact]
    public void A_rep_at_capacity_receives_none_and_the_others_share_by_weight()
    {
        var rotation = RepRotation.Empty;

        var picks = Run(ref rotation, Inbound, 900, rep => rep.Id == "rep-cat" ? RepStanding.AtCapacity : RepStanding.Available);

        Assert.DoesNotContain("rep-cat", picks);
        Assert.Equal(600, picks.Count(p => p == "rep-ann"));
        Assert.Equal(300, picks.Count(p => p == "rep-ben"));
    }

    [Fact]
    public void Passed_by_reps_are_named_with_their_reason()
    {
        var pick = RepRotation.Empty.Pick(Inbound, rep => rep.Id switch
        {
            "rep-ann" => RepStanding.Unavailable,
            "rep-ben" => RepStanding.AtCapacity,
            _ => RepStanding.Available,
        });

        Assert.Equal("rep-cat", pick.Rep);
        Assert.Equal([new SkippedRep("rep-ann", RepStanding.Unavailable), new SkippedRep("rep-ben", RepStanding.AtCapacity)], pick.Skipped.ToArray());
    }

    [Fact]
    public void Nobody_available_leaves_the_rotation_as_it_was()
    {
        var rotation = RepRotation.Empty;
        Run(ref rotation, Inbound, 5);

        var pick = rotation.Pick(Inbound, _ => RepStanding.Unavailable);

        Assert.Null(pick.Rep);
        Assert.Same(rotation, pick.Next);
        Assert.Equal(3, pick.Skipped.Length);
    }

    [Fact]
    public void A_rep_added_to_the_team_later_starts_level_not_ahead()
    {
        var rotation = RepRotation.Empty;
        Run(ref rotation, Inbound, 500);
        var grown = Inbound with { Reps = Inbound.Reps.Add(new RepDefinition { Id = "rep-eve", Weight = 1 }) };

        var after = Run(ref rotation, grown, 500);

        Assert.InRange(after.Count(p => p == "rep-eve"), 99, 101);
    }

    [Fact]
    public void A_turn_given_back_leaves_the_rotation_as_if_it_had_not_been_taken()
    {
        var rotation = RepRotation.Empty;
        Run(ref rotation, Inbound, 5);
        var before = rotation;
        var spent = rotation.Pick(Inbound, _ => RepStanding.Available, "cmd-guess");

        var returned = spent.Next.GiveBack(Inbound, "cmd-guess");

        Assert.Equal(before.Passes.OrderBy(p => p.Key), returned.Passes.OrderBy(p => p.Key));
        Assert.Equal(before.Counts.OrderBy(p => p.Key), returned.Counts.OrderBy(p => p.Key));
        Assert.DoesNotContain(returned.Recent, r => r.PickId == "cmd-guess");
        Assert.Equal(spent.Rep, returned.Pick(Inbound, _ => RepStanding.Available).Rep);
    }

    [Fact]
    public void Giving_back_a_pick_it_does_not_remember_changes_nothing()
    {
        var rotation = RepRotation.Empty;
        rotation = rotation.Pick(Inbound, _ => RepStanding.Available, "cmd-1").Next;
        var once = rotation.GiveBack(Inbound, "cmd-1");

        Assert.Same(once, once.GiveBack(Inbound, "cmd-1"));
        Assert.Same(rotation, rotation.GiveBack(Inbound, "never-picked"));
    }
}
