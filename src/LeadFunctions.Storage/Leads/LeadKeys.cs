using System.Globalization;
using LeadFunctions.Domain.Sweeps;

namespace LeadFunctions.Storage.Leads;

/// <summary>
/// Keys of the Leads table (docs/table-design.md). Leads are spread over a fixed number of partitions by a hash of
/// their id, and everything about a lead (its row, one row per recorded command, its due entries, its events waiting in
/// the outbox) lives in its
/// partition, so one change is one entity-group transaction and "what is due" is one range read per partition.
/// </summary>
internal static class LeadKeys
{
    /// <summary>Fixed for the life of a deployment: changing it would move every lead.</summary>
    public const int Partitions = 64;

    public const string LeadPrefix = "lead|";
    public const string LeadUpperBound = "lead}";

    public static IEnumerable<string> AllPartitions => Enumerable.Range(0, Partitions).Select(PartitionName);

    public static string PartitionOf(string leadId)
    {
        // FNV-1a: stable across processes and platforms, unlike string.GetHashCode.
        var hash = 2166136261u;
        foreach (var c in leadId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return PartitionName((int)(hash % Partitions));
    }

    public static string PartitionName(int index) => "p" + index.ToString("D2", CultureInfo.InvariantCulture);

    public static string Lead(string leadId) => LeadPrefix + leadId;

    public static string Command(string leadId, string commandId) => $"cmd|{leadId}|{commandId}";

    public static string CommandsFrom(string leadId) => $"cmd|{leadId}|";

    /// <summary>Just past every command row of the lead: '}' sorts right after '|'.</summary>
    public static string CommandsTo(string leadId) => $"cmd|{leadId}}}";

    public const string OutboxPrefix = "outbox|";

    /// <summary>Just past every outbox row of every lead: '}' sorts right after '|'.</summary>
    public const string OutboxUpperBound = "outbox}";

    /// <summary>A pending event: sequence fixed width, so a lead's events read back in order.</summary>
    public static string Outbox(string leadId, long sequence) => $"{OutboxPrefix}{leadId}|{sequence.ToString("D19", CultureInfo.InvariantCulture)}";

    public static string OutboxFrom(string leadId) => $"{OutboxPrefix}{leadId}|";

    public static string OutboxTo(string leadId) => $"{OutboxPrefix}{leadId}}}";

    public static string Due(DueEntry entry) => $"{DuePrefix(entry.Sweep)}{Ticks(entry.DueAt)}|{entry.LeadId}";

    public static string DuePrefix(SweepKind sweep) => $"due|{sweep.Name()}|";

    /// <summary>Upper bound of entries due by <paramref name="asOf"/>: '~' sorts after every character of a lead id.</summary>
    public static string DueUpTo(SweepKind sweep, DateTimeOffset asOf) => $"{DuePrefix(sweep)}{Ticks(asOf)}|~";

    public static DueEntry ParseDue(SweepKind sweep, string rowKey)
    {
        var rest = rowKey.AsSpan(DuePrefix(sweep).Length);
        var separator = rest.IndexOf('|');
        var ticks = long.Parse(rest[..separator], NumberStyles.None, CultureInfo.InvariantCulture);
        return new DueEntry(sweep, rest[(separator + 1)..].ToString(), new DateTimeOffset(ticks, TimeSpan.Zero));
    }

    /// <summary>UTC ticks, fixed width, so lexical order is time order.</summary>
    private static string Ticks(DateTimeOffset at) => at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
}
