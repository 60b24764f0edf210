using LeadFunctions.Domain.Playbooks;
using LeadFunctions.Domain.Reports;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Engine.Identity;
using LeadFunctions.Engine.Privacy;
using LeadFunctions.Engine.Views;
using LeadFunctions.Http.Answers;
using LeadFunctions.Http.Rejections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadFunctions.Http;

/// <summary>GET and DELETE /api/leads/{leadId}: read a lead with its history, and erase it (GDPR).</summary>
public sealed class LeadEndpoints
{
    private readonly LeadDetailsHandler _details;
    private readonly EraseLeadHandler _erase;
    private readonly SweepSchedule _schedule;
    private readonly Playbook _playbook;
    private readonly TimeProvider _time;

    public LeadEndpoints(LeadDetailsHandler details, EraseLeadHandler erase, SweepSchedule schedule, Playbook playbook, TimeProvider time)
    {
        _details = details;
        _erase = erase;
        _schedule = schedule;
        _playbook = playbook;
        _time = time;
    }

    public Task<Results<JsonHttpResult<LeadView>, ProblemAnswer>> GetAsync(string leadId, CancellationToken cancellationToken)
        => StoreOutage.AnswerAsync<Results<JsonHttpResult<LeadView>, ProblemAnswer>>(
            async () => await _details.GetAsync(leadId, cancellationToken) is { } details
                ? TypedResults.Json(
                    LeadView.From(details.Lead, details.History, _schedule.SlaDueAt(details.Lead), _playbook)
                        with { MidFunnelAge = VelocityFacts.MidFunnelAge(details.Lead, _time.GetUtcNow()) },
                    ApiJson.Options)
                : NoSuchLead(),
            p => p,
            cancellationToken);

    /// <summary>GDPR erasure: every row about the lead (lead, audit trail, due entries). 204, then GET is 404.</summary>
    public Task<Results<NoContent, ProblemAnswer>> EraseAsync(string leadId, CancellationToken cancellationToken)
        => StoreOutage.AnswerAsync<Results<NoContent, ProblemAnswer>>(
            async () => LeadIdentity.IsWellFormed(leadId) && await _erase.EraseAsync(leadId, cancellationToken) ? TypedResults.NoContent() : NoSuchLead(),
            p => p,
            cancellationToken);

    private static ProblemAnswer NoSuchLead() => Problems.NotFound(RejectionReasons.NoSuchLead, "There is no such lead.");
}
