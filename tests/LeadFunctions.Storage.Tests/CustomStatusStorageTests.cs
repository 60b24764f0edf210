using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Views;
using LeadFunctions.TestSupport;

namespace LeadFunctions.Storage.Tests;

/// <summary>
/// Custom statuses in Table Storage (issue 16): the lead row stores the status's own name beside its role, the audit
/// line the names it moved between, and a status filter by role finds custom statuses of that role while a filter by
/// name finds that status only.
/// </summary>
public sealed class CustomStatusStorageTests : IDisposable
{
    private readonly string _playbookPath = CustomStatusPlaybook.WriteTemporary();
    private readonly StorageHarness _harness;

    public CustomStatusStorageTests() => _harness = new StorageHarness(s => s["Playbook:Path"] = _playbookPath);

    [Fact]
    public async Task A_lead_set_to_a_custom_status_reads_back_with_its_name_stamps_and_history()
    {
        var leadId = (await _harness.SubmitAsync("whitepaper", "sg@acme-corp.com", null, ("employees", "300"), ("country", "US"), ("jobTitle", "VP Sales"))).LeadId!;
        _harness.Clock.Advance(TimeSpan.FromHours(1));

        var outcome = await _harness.ApplyAsync(leadId, TransitionType.StatusSet, new TransitionData { StatusName = CustomStatusPlaybook.Hot }, reason: "hot");

        Assert.Equal(OutcomeKind.Applied, outcome.Kind);
        var lead = (await _harness.Store.GetAsync(leadId, CancellationToken.None))!.Lead;
        Assert.Equal((LeadStatus.New, CustomStatusPlaybook.Hot), (lead.Status, lead.StatusName));
        Assert.Equal(TimeSpan.FromHours(1), lead.StatusNameStamps[nameof(LeadStatus.Nurturing)].TimeInClosedVisits);
        Assert.True(lead.StatusNameStamps[CustomStatusPlaybook.Hot].IsOpen);
        var line = (await _harness.Store.GetHistoryAsync(leadId, CancellationToken.None)).Single(a => a.Type == TransitionType.StatusSet);
        Assert.Equal((nameof(LeadStatus.Nurturing), CustomStatusPlaybook.Hot), (line.FromStatusName, line.ToStatusName));
    }

    [Fact]
    public async Task A_role_filter_finds_custom_statuses_of_that_role_and_a_name_filter_that_status_only()
    {
        var hot = (await _harness.SubmitAsync("whitepaper", "hot@acme-corp.com", null, ("employees", "300"), ("country", "US"), ("jobTitle", "VP Sales"))).LeadId!;
        var inbox = (await _harness.SubmitAsync("pricing", "new@acme-corp.com", null, ("employees", "300"), ("country", "US"), ("jobTitle", "VP Sales"))).LeadId!;
        var nurtured = (await _harness.SubmitAsync("whitepaper", "mql@acme-corp.com", null, ("employees", "300"), ("country", "US"), ("jobTitle", "VP Sales"))).LeadId!;
        await _harness.ApplyAsync(hot, TransitionType.StatusSet, new TransitionData { StatusName = CustomStatusPlaybook.Hot });
        var queries = _harness.Get<ILeadQueries>();

        var role = await queries.ListAsync(new LeadFilter(Status: LeadStatus.New), 100, null, CancellationToken.None);
        var name = await queries.ListAsync(new LeadFilter(StatusName: CustomStatusPlaybook.Hot), 100, null, CancellationToken.None);
        var nurturing = await queries.ListAsync(new LeadFilter(Status: LeadStatus.Nurturing), 100, null, CancellationToken.None);

        Assert.Equal(new[] { hot, inbox }.Order(StringComparer.Ordinal), role.Leads.Select(l => l.Id).Order(StringComparer.Ordinal));
        Assert.Equal(hot, Assert.Single(name.Leads).Id);
        Assert.Equal(nurtured, Assert.Single(nurturing.Leads).Id);
    }

    public void Dispose()
    {
        _harness.Dispose();
        File.Delete(_playbookPath);
    }
}
