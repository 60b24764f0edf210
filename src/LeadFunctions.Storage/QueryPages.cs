using Azure;
using Azure.Data.Tables;

namespace LeadFunctions.Storage;

/// <summary>One page of a query at a time, so callers hand the continuation token to their own callers.</summary>
internal static class QueryPages
{
    /// <returns>The page, or null when the service sent none (an empty result with nothing further).</returns>
    public static async Task<Page<TableEntity>?> PageAsync(
        this TableClient table, string filter, int pageSize, string? continuationToken, IEnumerable<string>? select, CancellationToken cancellationToken)
    {
        await foreach (var page in table.QueryAsync<TableEntity>(filter, maxPerPage: pageSize, select: select, cancellationToken: cancellationToken)
            .AsPages(continuationToken, pageSize))
        {
            return page;
        }

        return null;
    }
}
