using System.Globalization;
using Azure.Data.Tables;

namespace LeadFunctions.Storage.Leads;

/// <summary>
/// One page of a range read that walks the lead partitions in order (the due index, the outbox): each partition is
/// asked with its own filter, empty partitions are stepped over, and the continuation token is
/// "partition index|table continuation", so a caller resumes exactly where the page ended.
/// </summary>
internal static class PartitionWalk
{
    /// <param name="filterFor">The query filter for one partition, given its partition key.</param>
    /// <param name="notOurs">The message of the argument error for a token this walk did not write (not an outage: it is not mapped).</param>
    public static async Task<(IReadOnlyList<TableEntity> Rows, string? ContinuationToken)> PageAsync(
        TableClient table,
        Func<string, string> filterFor,
        int pageSize,
        string? continuationToken,
        IEnumerable<string> select,
        string notOurs,
        CancellationToken cancellationToken)
    {
        var (partition, token) = Parse(continuationToken, notOurs);
        for (; partition < LeadKeys.Partitions; partition++, token = null)
        {
            var page = await table.PageAsync(filterFor(LeadKeys.PartitionName(partition)), pageSize, token, select, cancellationToken);
            if (page is not null && (page.Values.Count > 0 || page.ContinuationToken is not null))
            {
                var next = page.ContinuationToken is { } more ? Format(partition, more)
                    : partition + 1 < LeadKeys.Partitions ? Format(partition + 1, null)
                    : null;
                return (page.Values, next);
            }
        }

        return ([], null);
    }

    private static (int Partition, string? Token) Parse(string? continuationToken, string notOurs)
    {
        if (string.IsNullOrEmpty(continuationToken))
        {
            return (0, null);
        }

        var separator = continuationToken.IndexOf('|', StringComparison.Ordinal);
        if (separator < 1 || !int.TryParse(continuationToken.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            || partition >= LeadKeys.Partitions)
        {
            throw new ArgumentException(notOurs, nameof(continuationToken));
        }

        var token = continuationToken[(separator + 1)..];
        return (partition, token.Length == 0 ? null : token);
    }

    private static string Format(int partition, string? token) => partition.ToString(CultureInfo.InvariantCulture) + "|" + token;
}
