using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Views;

namespace LeadFunctions.Storage.Tests;

public sealed class LeadQueryTests : IDisposable
{
    private readonly StorageHarness _harness = new();

    [Fact]
    public async Task A_rep_view_filters_by_stage_status_owner_and_flag_and_pages_through_everything()
    {
        var nurtured = await Task.WhenAll(Enumerable.Range(0, 7).Select(i => _harness.SubmitAsync("whitepaper", $"n{i}@acme-corp.com")));
        var inbox = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => _harness.SubmitAsync("pricing", $"s{i}@acme-corp.com", null, ("employees", "300"), ("country", "US"), ("jobTitle", "VP Sales"))));
        await _harness.ApplyAsync(inbox[0].LeadId!, TransitionType.FirstOutreachSent, new TransitionData { Owner = "rep-zed" });
        await _harness.ApplyAsync(inbox[1].LeadId!, TransitionType.FirstOutreachSent, new TransitionData { Owner = "rep-yan" });
        var queries = _harness.Get<ILeadQueries>();

        var newSqls = await AllAsync(queries, new LeadFilter(LifecycleStage.SQL, LeadStatus.New), pageSize: 4);
        var zeds = await AllAsync(queries, new LeadFilter(Owner: "rep-zed"), pageSize: 4);
        var mqls = await AllAsync(queries, new LeadFilter(LifecycleStage.MQL), pageSize: 4);

        Assert.Equal(inbox.Skip(2).Select(r => r.LeadId).Order(), newSqls.Select(l => l.Id).Order());
        Assert.Equal(inbox[0].LeadId, Assert.Single(zeds).Id);
        Assert.Equal(nurtured.Select(r => r.LeadId).Order(), mqls.Select(l => l.Id).Order());
    }

    [Fact]
    public async Task The_flag_view_lists_only_flagged_leads()
    {
        var inbox = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => _harness.SubmitAsync("pricing", $"f{i}@acme-corp.com", null, ("employees", "300"), ("country", "US"), ("jobTitle", "VP Sales"))));
        await _harness.ApplyAsync(inbox[0].LeadId!, TransitionType.FirstOutreachSent);
        _harness.Clock.Advance(TimeSpan.FromDays(7));
        await _harness.SweepAndApplyAsync(Domain.Sweeps.SweepKind.FlagSlaBreaches);

        var breached = await AllAsync(_harness.Get<ILeadQueries>(), new LeadFilter(Flag: LeadFlags.SlaBreached), pageSize: 10);

        Assert.Equal(inbox.Skip(1).Select(r => r.LeadId).Order(), breached.Select(l => l.Id).Order());
    }

    private static async Task<List<Lead>> AllAsync(ILeadQueries queries, LeadFilter filter, int pageSize)
    {
        var leads = new List<Lead>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await queries.ListAsync(filter, pageSize, token, CancellationToken.None);
            Assert.True(page.Leads.Count <= pageSize);
            leads.AddRange(page.Leads);
            token = page.ContinuationToken;
            Assert.True(++pages < 50, "paging must end");
        }
        while (token is not null);

        return leads;
    }

    public void Dispose() => _harness.Dispose();
}
