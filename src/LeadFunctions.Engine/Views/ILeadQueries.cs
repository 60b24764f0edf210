using LeadFunctions.Domain.Lifecycle;

namespace LeadFunctions.Engine.Views;

/// <summary>
/// A rep view's filter (seed 004: each rep checks the view of their leads daily). Null means any. Team is the sales
/// team holding the lead, Territory the territory rule that routed it (issue 14, item 7: managers look at their
/// team's or territory's leads, marketing at a quadrant, and suppressed leads are kept out of working views).
/// <see cref="Status"/> is a role: the built-in status and the playbook's own statuses of that role (capacity counts
/// every lead in the inbox); <see cref="StatusName"/> is one status by its canonical name, built-in or custom.
/// </summary>
public sealed record LeadFilter(
    LifecycleStage? Stage = null,
    LeadStatus? Status = null,
    string? Owner = null,
    LeadFlags? Flag = null,
    string? Team = null,
    string? Territory = null,
    Quadrant? Quadrant = null,
    bool? Suppressed = null,
    string? StatusName = null);

public sealed record LeadPage(IReadOnlyList<Lead> Leads, string? ContinuationToken);

/// <summary>The read side: views and reports over many leads. Writes go through the command processor only.</summary>
public interface ILeadQueries
{
    Task<LeadPage> ListAsync(LeadFilter filter, int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>How many leads match, read keys only (no lead state). Capacity checks use <see cref="CountByOwnerAsync"/>: one scan for every rep.</summary>
    Task<int> CountAsync(LeadFilter filter, CancellationToken cancellationToken);

    /// <summary>How many leads match, per owner (leads without one are left out): every rep's open New in one pass.</summary>
    Task<IReadOnlyDictionary<string, int>> CountByOwnerAsync(LeadFilter filter, CancellationToken cancellationToken);

    /// <summary>Every lead, streamed page by page; for reports.</summary>
    IAsyncEnumerable<Lead> AllAsync(CancellationToken cancellationToken);
}
