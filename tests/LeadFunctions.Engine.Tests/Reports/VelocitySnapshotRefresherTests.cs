using System.Runtime.CompilerServices;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Reports;
using LeadFunctions.Engine.Reports;
using LeadFunctions.Engine.Tests.Support;
using LeadFunctions.Engine.Views;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace LeadFunctions.Engine.Tests.Reports;

/// <summary>Issue 16, item 3: requests read the stored report; only a refresh scans the leads, and concurrent refreshes scan once.</summary>
public sealed class VelocitySnapshotRefresherTests
{
    private readonly Mock<ILeadQueries> _queries = new();
    private readonly Mock<IVelocitySnapshots> _snapshots = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _scans;

    public VelocitySnapshotRefresherTests() => _queries.Setup(q => q.AllAsync(It.IsAny<CancellationToken>())).Returns(() => ScanAsync());

    [Fact]
    public async Task A_request_with_a_stored_report_does_not_scan_the_leads()
    {
        var stored = Velocity.Compute([], _time.GetUtcNow().AddMinutes(-10));
        _snapshots.Setup(s => s.ReadAsync(null, It.IsAny<CancellationToken>())).ReturnsAsync(stored);
        var handler = new VelocityReportHandler(_snapshots.Object, Refresher(), Harness.Playbook);

        var report = await handler.RunAsync(null, refresh: false, CancellationToken.None);

        // The stored report, with the running playbook's words beside the canonical names (issue 16, item 2).
        Assert.Equal(stored.AsOf, report.AsOf);
        Assert.Equal(stored.Steps.Select(s => (s.From, s.To)), report.Steps.Select(s => (s.From, s.To)));
        Assert.Equal("Sales Qualified Lead", report.Steps.First(s => s.To == LifecycleStage.SQL).ToDisplayName);
        Assert.Equal(0, _scans);
    }

    [Fact]
    public async Task Concurrent_refreshes_share_one_pass_and_store_one_report_per_cohort_dimension()
    {
        var refresher = Refresher();

        var first = refresher.RefreshAsync(CancellationToken.None);
        var second = refresher.RefreshAsync(CancellationToken.None);
        _release.SetResult();
        await Task.WhenAll(first, second);

        Assert.Equal(1, _scans);
        Assert.Same(await first, await second);
        _snapshots.Verify(s => s.WriteAsync(It.IsAny<CohortDimension?>(), It.IsAny<VelocityReport>(), It.IsAny<CancellationToken>()), Times.Exactly(5));
        _snapshots.Verify(s => s.WriteAsync(CohortDimension.Campaign, It.Is<VelocityReport>(r => r.Cohort == CohortDimension.Campaign && r.Cohorts != null), It.IsAny<CancellationToken>()));
    }

    private VelocitySnapshotRefresher Refresher() => new(_queries.Object, _snapshots.Object, Harness.Playbook, _time);

    private async IAsyncEnumerable<Lead> ScanAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _scans);
        await _release.Task.WaitAsync(cancellationToken);
        yield break;
    }
}
