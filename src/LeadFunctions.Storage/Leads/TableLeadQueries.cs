using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Engine.Views;

namespace LeadFunctions.Storage.Leads;

/// <summary>
/// Rep views and reports over the Leads table. Filters run on the indexed columns of lead rows (Stage, Status,
/// Owner, flag booleans, Team, Territory, Quadrant, Suppressed); they scan across partitions, which suits views paged
/// by continuation token and reports.
/// </summary>
public sealed class TableLeadQueries : ILeadQueries
{
    /// <summary>A page may come back empty with a token when the service stops scanning; keep going a few times.</summary>
    private const int MaxEmptyPages = 10;

    private readonly TableProvisioner _tables;

    public TableLeadQueries(TableProvisioner tables) => _tables = tables;

    public async Task<LeadPage> ListAsync(LeadFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await _tables.EnsureCreatedAsync(cancellationToken);
        var query = FilterOf(filter);
        return await _tables.MapOutagesAsync(async () =>
        {
            var token = continuationToken;
            for (var attempt = 0; attempt < MaxEmptyPages; attempt++)
            {
                var page = await _tables.Leads.PageAsync(query, pageSize, token, select: null, cancellationToken);
                if (page is null || page.Values.Count > 0 || page.ContinuationToken is null)
                {
                    return new LeadPage([.. (page?.Values ?? []).Select(LeadRows.ToLead)], page?.ContinuationToken);
                }

                token = page.ContinuationToken;
            }

            return new LeadPage([], token);
        });
    }

    public async Task<int> CountAsync(LeadFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await _tables.EnsureCreatedAsync(cancellationToken);
        var query = FilterOf(filter);
        return await _tables.MapOutagesAsync(async () =>
        {
            var count = 0;
            string? token = null;
            do
            {
                // Keys only: counting needs no lead state.
                var page = await _tables.Leads.PageAsync(query, 1000, token, ["PartitionKey"], cancellationToken);
                count += page?.Values.Count ?? 0;
                token = page?.ContinuationToken;
            }
            while (token is not null);
            return count;
        });
    }

    public async Task<IReadOnlyDictionary<string, int>> CountByOwnerAsync(LeadFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await _tables.EnsureCreatedAsync(cancellationToken);
        var query = FilterOf(filter);
        return await _tables.MapOutagesAsync(async () =>
        {
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            string? token = null;
            do
            {
                // The owner column only: one scan for every rep instead of one per rep.
                var page = await _tables.Leads.PageAsync(query, 1000, token, ["Owner"], cancellationToken);
                foreach (var owner in (page?.Values ?? []).Select(row => row.GetString("Owner")).OfType<string>())
                {
                    counts[owner] = counts.GetValueOrDefault(owner) + 1;
                }

                token = page?.ContinuationToken;
            }
            while (token is not null);
            return (IReadOnlyDictionary<string, int>)counts;
        });
    }

    public async IAsyncEnumerable<Lead> AllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken);
        var query = FilterOf(new LeadFilter());
        string? token = null;
        do
        {
            // Page by page through the guard, so an outage mid-report is a 503 like everywhere else.
            var page = await _tables.MapOutagesAsync(() => _tables.Leads.PageAsync(query, 1000, token, ["State"], cancellationToken));
            if (page is null)
            {
                yield break;
            }

            foreach (var entity in page.Values)
            {
                yield return LeadRows.ToLead(entity);
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }

    internal static string FilterOf(LeadFilter filter)
    {
        var clauses = new List<string> { TableClient.CreateQueryFilter($"RowKey gt {LeadKeys.LeadPrefix} and RowKey lt {LeadKeys.LeadUpperBound}") };
        if (filter.Stage is { } stage)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Stage eq {stage.ToString()}"));
        }

        if (filter.Status is { } status)
        {
            // A role: its built-in status, and every custom status of that role. Rows from before custom statuses have no
            // StatusRole, and their Status is the role's name.
            clauses.Add(TableClient.CreateQueryFilter($"(Status eq {status.ToString()} or StatusRole eq {status.ToString()})"));
        }

        if (filter.StatusName is { } name)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Status eq {name}"));
        }

        if (filter.Owner is { } owner)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Owner eq {owner}"));
        }

        if (filter.Flag is { } flag && flag != LeadFlags.None)
        {
            clauses.AddRange(Enum.GetValues<LeadFlags>().Where(f => f != LeadFlags.None && flag.HasFlag(f)).Select(f => $"{f} eq true"));
        }

        if (filter.Team is { } team)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Team eq {team}"));
        }

        if (filter.Territory is { } territory)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Territory eq {territory}"));
        }

        if (filter.Quadrant is { } quadrant)
        {
            clauses.Add(TableClient.CreateQueryFilter($"Quadrant eq {quadrant.ToString()}"));
        }

        if (filter.Suppressed is { } suppressed)
        {
            // A comparison on a missing property matches nothing, so "not suppressed" is the negation of "suppressed":
            // rows written before the Suppressed column existed count as not suppressed instead of vanishing.
            clauses.Add(suppressed ? "Suppressed eq true" : "not (Suppressed eq true)");
        }

        return string.Join(" and ", clauses);
    }
}
