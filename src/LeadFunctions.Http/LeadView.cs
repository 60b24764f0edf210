using System.Text.Json.Serialization;
using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Reports;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Transitions;

namespace LeadFunctions.Http;

/// <summary>
/// The API's view of a lead: canonical names with the company's own words beside them (<c>stageDisplayName</c> ...),
/// flags as a list, stamps by stage and status; the sales team holding it
/// and why its rep has it (<c>assignment</c>); when its status SLA runs out (<c>slaDueAt</c>, null when the status has
/// none); and its history, each line with the owner before and after. The single-lead view adds how long the lead has
/// been mid-funnel (<c>midFunnelAge</c>: qualified, not yet won or lost; absent otherwise). <c>status</c> is the role
/// the rules apply; <c>statusName</c> the status itself, the playbook's own in a custom status ("HotHotHot", role New),
/// whose words <c>statusDisplayName</c> are; status stamps are by status name.
/// </summary>
public sealed record LeadView(
    string Id,
    Person Person,
    LifecycleStage Stage,
    LeadStatus Status,
    Quadrant Quadrant,
    string StageDisplayName,
    string StatusDisplayName,
    string QuadrantDisplayName,
    Fit Fit,
    int FitScore,
    Interest Interest,
    int ActivityScore,
    Team OwnerTeam,
    string? Owner,
    string? Team,
    Assignment? Assignment,
    PastOwner? PreviousOwner,
    IReadOnlyList<string> Flags,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? SlaDueAt,
    IReadOnlyDictionary<string, StampView> StageStamps,
    IReadOnlyDictionary<string, StampView> StatusStamps,
    CampaignStamps Campaigns,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastContactAt,
    DateTimeOffset? LastActivityAt,
    DateTimeOffset? NextCheckBackAt,
    bool Suppressed,
    string? SuppressedReason,
    bool Consent,
    LeadMessage? LastMessage,
    IReadOnlyList<HistoryView>? History,
    TimeSpan? MidFunnelAge = null)
{
    /// <param name="slaDueAt">From the domain's <c>SweepSchedule.SlaDueAt</c>; the view only carries it.</param>
    /// <param name="playbook">The company's words for stages, statuses and quadrants.</param>
    public static LeadView From(Lead lead, IEnumerable<AuditRecord> history, DateTimeOffset? slaDueAt, Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(playbook);
        return new LeadView(
            lead.Id,
            lead.Person,
            lead.Stage,
            lead.Status,
            lead.Quadrant,
            playbook.NameOf(lead.Stage),
            playbook.StatusDisplayName(lead.StatusName),
            playbook.NameOf(lead.Quadrant),
            lead.Fit,
            lead.FitScore,
            lead.Interest,
            lead.ActivityScore,
            lead.OwnerTeam,
            lead.Owner,
            lead.SalesTeam,
            lead.Assignment,
            lead.PreviousOwner,
            [.. Enum.GetValues<LeadFlags>().Where(f => f != LeadFlags.None && lead.Flags.HasFlag(f)).Select(f => f.ToString())],
            slaDueAt,
            Stamps(lead.StageStamps),
            lead.StatusNameStamps.OrderBy(p => p.Key, StatusOrder.Comparer).ToDictionary(p => p.Key, p => StampOf(p.Value), StringComparer.Ordinal),
            lead.Campaigns,
            lead.CreatedAt,
            lead.LastContactAt,
            lead.LastActivityAt,
            lead.NextCheckBackAt,
            lead.Suppressed,
            lead.SuppressedReason,
            lead.Consent,
            lead.LastMessage,
            [.. history.OrderBy(a => a.Sequence).Select(a => HistoryView.Of(a, playbook))])
        {
            StatusName = lead.StatusName,
        };
    }

    /// <summary>The status's canonical name: the playbook's own ("HotHotHot"), or the built-in name of <see cref="Status"/>.</summary>
    public string StatusName { get; init; } = "";

    private static Dictionary<string, StampView> Stamps<TKey>(IEnumerable<KeyValuePair<TKey, Stamp>> stamps)
        where TKey : struct, Enum
        => stamps.OrderBy(p => p.Key).ToDictionary(
            p => p.Key.ToString(),
            p => StampOf(p.Value),
            StringComparer.Ordinal);

    private static StampView StampOf(Stamp stamp) => new(stamp.FirstEnteredAt, stamp.LastEnteredAt, stamp.LastExitedAt, stamp.TimeInClosedVisits);
}

public sealed record StampView(DateTimeOffset FirstEnteredAt, DateTimeOffset LastEnteredAt, DateTimeOffset? LastExitedAt, TimeSpan TimeInClosedVisits);

public sealed record HistoryView(
    DateTimeOffset At,
    DateTimeOffset RecordedAt,
    TransitionType Type,
    OutcomeKind Outcome,
    string? RejectionCode,
    string? Reason,
    string Actor,
    LifecycleStage? FromStage,
    LifecycleStage ToStage,
    LeadStatus? FromStatus,
    LeadStatus ToStatus,
    string? FromStatusDisplayName,
    string ToStatusDisplayName,
    string? FromOwner,
    string? ToOwner,
    Assignment? Assignment)
{
    /// <summary>The status the lead left, by name (the playbook's own, or the built-in name of <see cref="FromStatus"/>).</summary>
    public string? FromStatusName { get; init; }

    /// <summary>The status the lead was in after the command, by name.</summary>
    public string ToStatusName { get; init; } = "";

    /// <param name="playbook">The company's words for the statuses.</param>
    public static HistoryView Of(AuditRecord a, Playbook playbook)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(playbook);

        // Lines stored before status names were name the built-in status of their role.
        var from = a.FromStatusName ?? a.FromStatus?.ToString();
        var to = a.ToStatusName ?? a.ToStatus.ToString();
        return new HistoryView(
            a.OccurredAt, a.RecordedAt, a.Type, a.Outcome, a.RejectionCode, a.Reason, a.Actor, a.FromStage, a.ToStage, a.FromStatus, a.ToStatus,
            from is null ? null : playbook.StatusDisplayName(from), playbook.StatusDisplayName(to), a.FromOwner, a.ToOwner, a.Assignment)
        {
            FromStatusName = from,
            ToStatusName = to,
        };
    }
}
