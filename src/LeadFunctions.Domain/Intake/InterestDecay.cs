using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Intake;

/// <summary>
/// Interest that fades: a marketing lead's activity score halves every <see cref="InterestRules.HalfLifeDays"/> without
/// new activity. Only leads marketing works decay; a lead with sales is judged by the rep, not by old clicks.
/// </summary>
public static class InterestDecay
{
    /// <summary>When the decayed score drops below high interest; null when it never will (off, low already, sales-owned).</summary>
    public static DateTimeOffset? DueAt(Lead lead, InterestRules rules)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.HalfLifeDays <= 0 || lead.Interest != Interest.High || lead.OwnerTeam != Team.Marketing
            || lead.ActivityScore < rules.HighInterestScore || lead.LastActivityAt is not { } since || rules.HighInterestScore <= 0)
        {
            return null;
        }

        // score * 0.5^(t / halfLife) < threshold  <=>  t > halfLife * log2(score / threshold)
        var halfLives = Math.Log2((double)lead.ActivityScore / rules.HighInterestScore);
        return since + TimeSpan.FromDays(rules.HalfLifeDays * halfLives) + TimeSpan.FromSeconds(1);
    }

    /// <summary>The score as of <paramref name="at"/>, rounded down.</summary>
    public static int ScoreAt(Lead lead, InterestRules rules, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.HalfLifeDays <= 0 || lead.LastActivityAt is not { } since || at <= since)
        {
            return lead.ActivityScore;
        }

        return (int)Math.Floor(lead.ActivityScore * Math.Pow(0.5, (at - since).TotalDays / rules.HalfLifeDays));
    }
}
