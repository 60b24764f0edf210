using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Reports;
using LeadFunctions.Engine.Views;
using LeadFunctions.Storage.Leads;

namespace LeadFunctions.Storage.Tests;

/// <summary>Issue 16, item 3: the velocity report is read from one stored row, not computed from every lead per request.</summary>
public sealed class VelocitySnapshotTests : IDisposable
{
    private readonly StorageHarness _harness = new();

    [Fact]
    public async Task Once_stored_a_velocity_request_reads_one_row_and_answers_as_of_the_last_refresh()
    {
        await _harness.SubmitAsync("whitepaper", "g1@acme-corp.com", null, ("utm_source", "google"), ("utm_medium", "cpc"));
        await _harness.SubmitAsync("whitepaper", "g2@acme-corp.com", null, ("utm_source", "google"), ("utm_medium", "cpc"));
        await _harness.SubmitAsync("whitepaper", "l1@acme-corp.com", null, ("utm_source", "linkedin"), ("utm_medium", "social"));
        var handler = _harness.Get<VelocityReportHandler>();
        var refreshedAt = _harness.Clock.GetUtcNow();
        Assert.Equal(3, (await handler.RunAsync(null, refresh: true, CancellationToken.None)).Leads);
        await _harness.SubmitAsync("whitepaper", "late@acme-corp.com", null, ("utm_source", "bing"));
        _harness.Clock.Advance(TimeSpan.FromHours(1));

        _harness.Requests.Reset();
        var bySource = await handler.RunAsync(CohortDimension.Source, refresh: false, CancellationToken.None);

        Assert.Equal(1, _harness.Requests.Count);
        Assert.Equal(refreshedAt, bySource.AsOf);
        Assert.Equal(3, bySource.Leads);
        Assert.Equal([("google", 2), ("linkedin", 1)], bySource.Cohorts!.Select(c => (c.Key, c.Leads)));

        var refreshed = await handler.RunAsync(CohortDimension.Medium, refresh: true, CancellationToken.None);

        Assert.Equal(4, refreshed.Leads);
        Assert.Equal(_harness.Clock.GetUtcNow(), refreshed.AsOf);
        Assert.Equal([VelocityFacts.Unknown, "cpc", "social"], refreshed.Cohorts!.Select(c => c.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Without_a_stored_report_the_first_request_computes_and_stores_it()
    {
        await _harness.SubmitAsync("pricing", "p@acme-corp.com", null, ("employees", "300"), ("country", "US"), ("jobTitle", "VP Sales"));
        var handler = _harness.Get<VelocityReportHandler>();

        var first = await handler.RunAsync(CohortDimension.Month, refresh: false, CancellationToken.None);
        _harness.Requests.Reset();
        var second = await handler.RunAsync(CohortDimension.Month, refresh: false, CancellationToken.None);

        Assert.Equal(1, first.Leads);
        Assert.Equal(first.AsOf, second.AsOf);
        Assert.Equal(1, _harness.Requests.Count);
        Assert.Equal(["2026-11"], second.Cohorts!.Select(c => c.Key));
    }

    [Fact]
    public async Task A_lead_s_first_touch_round_trips_through_its_stored_document_and_old_rows_read_without_one()
    {
        var submitted = await _harness.SubmitAsync("whitepaper", "o@acme-corp.com", null, ("utm_source", "newsletter"), ("utm_medium", "email"), ("utm_campaign", "spring-webinar"));

        var stored = await _harness.Store.GetAsync(submitted.LeadId!, CancellationToken.None);
        var golden = LeadDocuments.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "lead-state-full.json")));

        Assert.Equal(new LeadOrigin("spring-webinar", "newsletter", "email"), stored!.Lead.Campaigns.Origin);
        Assert.Equal(stored.Lead.Campaigns, LeadDocuments.Read(LeadDocuments.Write(stored.Lead)).Campaigns);
        Assert.Null(golden.Campaigns.Origin);
    }

    public void Dispose() => _harness.Dispose();
}
