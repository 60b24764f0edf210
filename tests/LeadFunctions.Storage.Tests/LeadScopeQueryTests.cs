using Azure.Data.Tables;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Views;
using LeadFunctions.Storage.Leads;

namespace LeadFunctions.Storage.Tests;

/// <summary>Issue 14, item 7: views by team, territory, quadrant and suppression, on the indexed columns of lead rows.</summary>
public sealed class LeadScopeQueryTests : IDisposable
{
    private readonly StorageHarness _harness = new();

    [Fact]
    public async Task A_view_filters_by_team_territory_and_quadrant()
    {
        var (us, ca, marketing) = await SeedAsync();
        var queries = _harness.Get<ILeadQueries>();
        var marketingQuadrant = (await LeadAsync(marketing[0])).Quadrant;

        var inbound = await IdsAsync(new LeadFilter(Team: "inbound-sales"));
        var canadaTeam = await IdsAsync(new LeadFilter(Team: "canada-sales"));
        var canadaTerritory = await IdsAsync(new LeadFilter(Territory: "canada"));
        var hot = await IdsAsync(new LeadFilter(Quadrant: Quadrant.HighInterestGoodFit));
        var nurtured = await IdsAsync(new LeadFilter(Quadrant: marketingQuadrant));

        Assert.Equal(us.Order(), inbound);
        Assert.Equal(ca.Order(), canadaTeam);
        Assert.Equal(ca.Order(), canadaTerritory);
        Assert.Equal(us.Concat(ca).Order(), hot);
        Assert.NotEqual(Quadrant.HighInterestGoodFit, marketingQuadrant);
        Assert.Equal(marketing.Order(), nurtured);
        Assert.Equal(ca.Length, await queries.CountAsync(new LeadFilter(Territory: "canada"), CancellationToken.None));
        Assert.Equal(us.Length, await queries.CountAsync(new LeadFilter(Team: "inbound-sales", Quadrant: Quadrant.HighInterestGoodFit), CancellationToken.None));
        Assert.Empty(await IdsAsync(new LeadFilter(Team: "inbound-sales", Territory: "canada")));
    }

    [Fact]
    public async Task Suppression_splits_a_view_and_combines_with_team_territory_and_quadrant()
    {
        var (us, ca, marketing) = await SeedAsync();
        await _harness.ApplyAsync(us[0], TransitionType.Unsubscribed);
        await _harness.ApplyAsync(ca[0], TransitionType.Unsubscribed);
        var queries = _harness.Get<ILeadQueries>();

        var suppressed = await IdsAsync(new LeadFilter(Suppressed: true));
        var reachable = await IdsAsync(new LeadFilter(Suppressed: false));
        var canadaReachable = await IdsAsync(new LeadFilter(Team: "canada-sales", Territory: "canada", Quadrant: Quadrant.HighInterestGoodFit, Suppressed: false));

        Assert.Equal(new[] { us[0], ca[0] }.Order(), suppressed);
        Assert.Equal(us.Skip(1).Concat(ca.Skip(1)).Concat(marketing).Order(), reachable);
        Assert.Equal(ca.Skip(1).Order(), canadaReachable);
        Assert.Equal(2, await queries.CountAsync(new LeadFilter(Suppressed: true), CancellationToken.None));
        Assert.Equal(1, await queries.CountAsync(new LeadFilter(Team: "canada-sales", Suppressed: false), CancellationToken.None));
    }

    [Fact]
    public async Task A_row_written_before_the_new_columns_counts_as_not_suppressed_and_in_no_team()
    {
        var (us, _, _) = await SeedAsync();
        await _harness.ApplyAsync(us[1], TransitionType.Unsubscribed);
        await WriteAsAnOlderVersionAsync(us[0]);

        var reachable = await IdsAsync(new LeadFilter(Suppressed: false));
        var suppressed = await IdsAsync(new LeadFilter(Suppressed: true));
        var inbound = await IdsAsync(new LeadFilter(Team: "inbound-sales"));

        Assert.Contains(us[0], reachable);
        Assert.DoesNotContain(us[1], reachable);
        Assert.Equal(us[1], Assert.Single(suppressed));

        // Until its next write adds the columns, the old row matches no team or territory: the comparison has nothing to compare.
        Assert.DoesNotContain(us[0], inbound);
        Assert.Equal(5, await _harness.Get<ILeadQueries>().CountAsync(new LeadFilter(Suppressed: false), CancellationToken.None));
    }

    /// <summary>Two US hand-raisers (inbound-sales, the default team), two Canadian ones (canada-sales by rule canada), two whitepaper readers (marketing).</summary>
    private async Task<(string[] Us, string[] Ca, string[] Marketing)> SeedAsync()
    {
        var us = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => HandRaiserAsync($"us{i}@acme-corp.com", "US")));
        var ca = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => HandRaiserAsync($"ca{i}@acme-corp.com", "CA")));
        var marketing = await Task.WhenAll(Enumerable.Range(0, 2).Select(async i => (await _harness.SubmitAsync("whitepaper", $"wp{i}@acme-corp.com")).LeadId!));
        return (us, ca, marketing);
    }

    private async Task<string> HandRaiserAsync(string email, string country)
        => (await _harness.SubmitAsync("pricing", email, null, ("employees", "300"), ("country", country), ("jobTitle", "VP Sales"))).LeadId!;

    /// <summary>The lead row as versions before issue 14 wrote it: none of the routing, suppression or newer flag columns.</summary>
    private async Task WriteAsAnOlderVersionAsync(string leadId)
    {
        var table = _harness.Get<TableProvisioner>().Leads;
        var row = (await table.GetEntityAsync<TableEntity>(LeadKeys.PartitionOf(leadId), LeadKeys.Lead(leadId))).Value;
        Assert.NotNull(row["Team"]);
        foreach (var column in new[] { "Team", "Territory", "Suppressed", "Unassigned", "SlaWarning" })
        {
            row.Remove(column);
        }

        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);
    }

    private async Task<List<string>> IdsAsync(LeadFilter filter)
    {
        var ids = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _harness.Get<ILeadQueries>().ListAsync(filter, 2, token, CancellationToken.None);
            ids.AddRange(page.Leads.Select(l => l.Id));
            token = page.ContinuationToken;
            Assert.True(++pages < 50, "paging must end");
        }
        while (token is not null);

        return [.. ids.Order()];
    }

    private async Task<Lead> LeadAsync(string id) => (await _harness.Store.GetAsync(id, CancellationToken.None))!.Lead;

    public void Dispose() => _harness.Dispose();
}
