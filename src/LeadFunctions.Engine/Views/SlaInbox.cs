using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Sweeps;

namespace LeadFunctions.Engine.Views;

/// <summary>
/// A rep's inbox for a status with an SLA (<c>owner=X&amp;status=New</c>), soonest SLA due first, so the lead about to
/// breach is on top. The store cannot sort by a computed time, so the inbox is read whole and sorted here.
/// </summary>
public sealed class SlaInbox
{
    /// <summary>
    /// An inbox is bounded by the rep's capacity (tens of leads), so reading it whole is cheap; the bound stops a
    /// misrouted flood from turning one request into an unbounded scan. Leads past it are not shown.
    /// </summary>
    public const int MaxLeads = 500;

    private const int ReadPageSize = 100;

    private readonly ILeadQueries _queries;
    private readonly SweepSchedule _schedule;
    private readonly Playbook _playbook;

    public SlaInbox(ILeadQueries queries, SweepSchedule schedule, Playbook playbook)
    {
        _queries = queries;
        _schedule = schedule;
        _playbook = playbook;
    }

    /// <summary>Whether the filter is one rep's leads in one status (or role) that has an SLA; a custom status has its role's.</summary>
    public bool Covers(LeadFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var role = filter.Status ?? _playbook.FindStatus(filter.StatusName)?.ActsAs();
        return filter.Owner is not null && role is { } status && _playbook.SlaFor(status) is not null;
    }

    public async Task<IReadOnlyList<Lead>> ReadAsync(LeadFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var leads = new List<Lead>();
        string? token = null;
        do
        {
            var page = await _queries.ListAsync(filter, ReadPageSize, token, cancellationToken);
            leads.AddRange(page.Leads);
            token = page.ContinuationToken;
        }
        while (token is not null && leads.Count < MaxLeads);

        return [.. leads.Take(MaxLeads).OrderBy(l => _schedule.SlaDueAt(l) ?? DateTimeOffset.MaxValue).ThenBy(l => l.Id, StringComparer.Ordinal)];
    }
}
