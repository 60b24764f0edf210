using System.Collections.Immutable;
using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Domain.Playbooks;

/// <summary>
/// The roles a playbook's own status may take (issue 16, item 1): each is a built-in status whose rules (SLA, sweeps,
/// handoffs, ownership, routing) the custom status follows. Unqualified has no role: it is the rules' own waiting room.
/// </summary>
public static class StatusRoles
{
    private static readonly ImmutableArray<(string Role, LeadStatus Status)> Table =
    [
        ("inbox", LeadStatus.New),
        ("working", LeadStatus.ActivelyWorking),
        ("connected", LeadStatus.Connected),
        ("qualified", LeadStatus.Qualified),
        ("nurture", LeadStatus.Nurturing),
        ("check-back", LeadStatus.CheckBackQuarterly),
        ("deal", LeadStatus.OpenDeal),
        ("dead-opportunity", LeadStatus.DeadOpportunity),
        ("bad-fit", LeadStatus.BadFit),
        ("customer", LeadStatus.CurrentCustomer),
        ("disqualified", LeadStatus.Disqualified),
        ("recycled", LeadStatus.Recycled),
    ];

    /// <summary>The role words, in funnel order, as error messages list them.</summary>
    public static readonly ImmutableArray<string> Names = [.. Table.Select(r => r.Role)];

    /// <summary>The built-in status a role word stands for; null for a word that is not a role.</summary>
    public static LeadStatus? StatusOf(string? role)
    {
        foreach (var entry in Table)
        {
            if (string.Equals(entry.Role, role, StringComparison.Ordinal))
            {
                return entry.Status;
            }
        }

        return null;
    }

    /// <summary>The role word of a built-in status; null for Unqualified, which no custom status may take.</summary>
    public static string? RoleOf(LeadStatus status)
    {
        foreach (var entry in Table)
        {
            if (entry.Status == status)
            {
                return entry.Role;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="name"/> is exactly a built-in status's name (numbers are not names, unlike Enum.TryParse).</summary>
    public static bool IsBuiltIn(string? name, out LeadStatus status)
    {
        foreach (var candidate in Enum.GetValues<LeadStatus>())
        {
            if (string.Equals(candidate.ToString(), name, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
