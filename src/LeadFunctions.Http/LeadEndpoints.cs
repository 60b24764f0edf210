using LeadFunctions.Domain.Lifecycle;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Identity;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Privacy;
using LeadFunctions.Http.Rejections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace LeadFunctions.Http;

/// <summary>GET and DELETE /api/leads/{leadId}: read a lead with its history, and erase it (GDPR).</summary>
public static class LeadEndpoints
{
    public static Task<IResult> GetAsync(HttpRequest request, string leadId) => Guard.RunAsync(request, async () =>
    {
        if (!LeadIdentity.IsWellFormed(leadId))
        {
            return Problems.NotFound(RejectionReasons.NoSuchLead, "There is no such lead.");
        }

        var store = request.HttpContext.RequestServices.GetRequiredService<ILeadStore>();
        var cancellationToken = request.HttpContext.RequestAborted;
        var stored = await store.GetAsync(leadId, cancellationToken);
        if (stored is null)
        {
            return Problems.NotFound(RejectionReasons.NoSuchLead, "There is no such lead.");
        }

        var history = await store.GetHistoryAsync(leadId, cancellationToken);
        return Results.Json(LeadView.From(stored.Lead, history), ApiJson.Options);
    });

    /// <summary>GDPR erasure: every row about the lead (lead, audit trail, due entries). 204, then GET is 404.</summary>
    public static Task<IResult> EraseAsync(HttpRequest request, string leadId) => Guard.RunAsync(request, async () =>
    {
        if (!LeadIdentity.IsWellFormed(leadId))
        {
            return Problems.NotFound(RejectionReasons.NoSuchLead, "There is no such lead.");
        }

        var services = request.HttpContext.RequestServices;
        var cancellationToken = request.HttpContext.RequestAborted;

        var erased = await services.GetRequiredService<EraseLeadHandler>().EraseAsync(leadId, cancellationToken);
        return erased ? Results.NoContent() : Problems.NotFound(RejectionReasons.NoSuchLead, "There is no such lead.");
    });
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
    LeadStatus ToStatus);

/// <summary>The API's view of a lead: canonical names, flags as a list, stamps by stage and status.</summary>
public sealed record LeadView(
    string Id,
    Person Person,
    LifecycleStage Stage,
    LeadStatus Status,
    Quadrant Quadrant,
    Fit Fit,
    int FitScore,
    Interest Interest,
    int ActivityScore,
    Team OwnerTeam,
    string? Owner,
    IReadOnlyList<string> Flags,
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
    IReadOnlyList<HistoryView>? History)
{
    public static LeadView From(Lead lead, IEnumerable<AuditRecord> history)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(history);
        return new LeadView(
            lead.Id,
            lead.Person,
            lead.Stage,
            lead.Status,
            lead.Quadrant,
            lead.Fit,
            lead.FitScore,
            lead.Interest,
            lead.ActivityScore,
            lead.OwnerTeam,
            lead.Owner,
            [.. Enum.GetValues<LeadFlags>().Where(f => f != LeadFlags.None && lead.Flags.HasFlag(f)).Select(f => f.ToString())],
            Stamps(lead.StageStamps),
            Stamps(lead.StatusStamps),
            lead.Campaigns,
            lead.CreatedAt,
            lead.LastContactAt,
            lead.LastActivityAt,
            lead.NextCheckBackAt,
            lead.Suppressed,
            lead.SuppressedReason,
            lead.Consent,
            lead.LastMessage,
            [.. history.OrderBy(a => a.Sequence).Select(a => new HistoryView(
                a.OccurredAt, a.RecordedAt, a.Type, a.Outcome, a.RejectionCode, a.Reason, a.Actor, a.FromStage, a.ToStage, a.FromStatus, a.ToStatus))]);
    }

    private static Dictionary<string, StampView> Stamps<TKey>(IEnumerable<KeyValuePair<TKey, Stamp>> stamps)
        where TKey : struct, Enum
        => stamps.OrderBy(p => p.Key).ToDictionary(
            p => p.Key.ToString(),
            p => new StampView(p.Value.FirstEnteredAt, p.Value.LastEnteredAt, p.Value.LastExitedAt, p.Value.TimeInClosedVisits),
            StringComparer.Ordinal);
}
