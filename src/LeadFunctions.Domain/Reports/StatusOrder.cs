using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;

namespace LeadFunctions.Domain.Reports;

/// <summary>Orders status names as the report lists them: built-in statuses in funnel order, then the playbook's own by name.</summary>
public sealed class StatusOrder : IComparer<string>
{
    public static readonly StatusOrder Comparer = new();

    private StatusOrder()
    {
    }

    public int Compare(string? x, string? y)
    {
        var (rankX, rankY) = (Rank(x), Rank(y));
        return rankX != rankY ? rankX.CompareTo(rankY) : string.CompareOrdinal(x, y);
    }

    private static int Rank(string? name) => StatusRoles.IsBuiltIn(name, out var status) ? (int)status : int.MaxValue;
}
