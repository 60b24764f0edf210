using System.Diagnostics;
using System.Diagnostics.Metrics;
using LeadFunctions.Domain.Events;
using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Sweeps;

namespace LeadFunctions.Engine.Telemetry;

/// <summary>
/// What ops watch. Tags are bounded vocabularies (form ids, types, reasons, sweep names): never an e-mail or a name.
/// </summary>
public sealed class LeadTelemetry : IDisposable
{
    public const string MeterName = "LeadFunctions";
    public const string ActivitySourceName = "LeadFunctions";

    private readonly Meter _meter;
    private readonly Counter<long> _captured;
    private readonly Counter<long> _applied;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _sweepLeads;
    private readonly Histogram<double> _sweepDuration;
    private readonly Counter<long> _sweepFailures;
    private readonly Counter<long> _slaBreaches;
    private readonly Counter<long> _slaWarnings;
    private readonly Counter<long> _assignments;
    private readonly Counter<long> _webhooksDelivered;
    private readonly Counter<long> _webhooksFailed;
    private readonly Histogram<double> _speedToLead;

    public LeadTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(MeterName);
        _captured = _meter.CreateCounter<long>("leadfunctions.leads.captured", description: "Form submissions applied, by form and resulting stage.");
        _applied = _meter.CreateCounter<long>("leadfunctions.transitions.applied", description: "Commands applied, by type.");
        _rejected = _meter.CreateCounter<long>("leadfunctions.transitions.rejected", description: "Commands refused, by type and reason.");
        _duplicates = _meter.CreateCounter<long>("leadfunctions.transitions.duplicates", description: "Redelivered commands answered from the record.");
        _sweepLeads = _meter.CreateCounter<long>("leadfunctions.sweep.leads", description: "Leads examined, changed and skipped by sweeps.");
        _sweepDuration = _meter.CreateHistogram<double>("leadfunctions.sweep.duration", unit: "s", description: "Sweep run time.");
        _sweepFailures = _meter.CreateCounter<long>("leadfunctions.sweep.failures", description: "Sweep runs that stopped on an error.");
        _slaBreaches = _meter.CreateCounter<long>(
            "leadfunctions.sla.breaches", description: "Leads not worked within their status SLA, by the action taken (reassign, escalate, none).");
        _slaWarnings = _meter.CreateCounter<long>("leadfunctions.sla.warnings", description: "Leads whose status SLA runs out soon.");
        _assignments = _meter.CreateCounter<long>(
            "leadfunctions.leads.assigned", description: "Leads placed by routing, by team and rep (rep 'queue' when none could take it).");
        _webhooksDelivered = _meter.CreateCounter<long>(
            "leadfunctions.webhooks.delivered", description: "Lead events a webhook subscriber accepted (2xx), by subscriber id and event type.");
        _webhooksFailed = _meter.CreateCounter<long>(
            "leadfunctions.webhooks.failed",
            description: "Webhook posts a subscriber did not take, by subscriber id, event type and outcome (retry: tried again later; dead: the retry window ran out).");
        _speedToLead = _meter.CreateHistogram<double>(
            "leadfunctions.webhooks.speed_to_lead",
            unit: "ms",
            description: "From the change that raised a LeadCreated or OwnerAssigned event (a form's receipt, for a new lead) to its subscriber accepting it (2xx), by subscriber id and event type.");
    }

    public static ActivitySource Source { get; } = new(ActivitySourceName);

    public void Recorded(TransitionResult result, string? formId)
    {
        ArgumentNullException.ThrowIfNull(result);
        var type = new KeyValuePair<string, object?>("type", result.Audit.Type.ToString());
        if (!result.Applied)
        {
            _rejected.Add(1, type, new("reason", result.Audit.RejectionCode));
            return;
        }

        _applied.Add(1, type);
        if (result.Audit.Type == TransitionType.FormSubmitted)
        {
            _captured.Add(1, new("form", formId), new("stage", result.Lead.Stage.ToString()), new("status", result.Lead.Status.ToString()));
        }

        if (result.Audit.Type == TransitionType.SlaWarning)
        {
            _slaWarnings.Add(1);
        }

        if (result.Audit.Type == TransitionType.SlaBreached)
        {
            _slaBreaches.Add(1, new KeyValuePair<string, object?>("action", BreachActionOf(result)));
        }
    }

    /// <summary>
    /// What the breach did, read off its audit line: a placement that passed the breached rep over is a reassignment
    /// (even when nobody else could take it and it waits in the queue), another change of owner is an escalation, and a
    /// breach that kept the owner only raised the flag.
    /// </summary>
    private static string BreachActionOf(TransitionResult result)
    {
        var audit = result.Audit;
        if (audit.Assignment?.Skipped.Any(s => s.Why == RepStanding.PassedOver && s.Rep == audit.FromOwner) == true)
        {
            return "reassign";
        }

        return audit.FromOwner != audit.ToOwner ? "escalate" : "none";
    }

    /// <summary>Rep ids are handles from the playbook (a bounded set), not people's names.</summary>
    public void Assigned(Assignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        _assignments.Add(1, new("team", assignment.Team), new("rep", assignment.Rep ?? "queue"));
    }

    /// <summary>
    /// A subscriber took an event. Speed-to-lead is recorded for the two events a new lead's rep waits for: LeadCreated
    /// (the lead reached the CRM) and OwnerAssigned (its rep is told); it runs from the change's occurredAt, so a
    /// delivery that needed retries counts its whole wait. Subscriber ids are config handles ("wh-…"), never the URL.
    /// </summary>
    public void WebhookDelivered(string subscriberId, LeadEventType eventType, DateTimeOffset occurredAt, DateTimeOffset acceptedAt)
    {
        var subscriber = new KeyValuePair<string, object?>("subscriber", subscriberId);
        var type = new KeyValuePair<string, object?>("type", eventType.ToString());
        _webhooksDelivered.Add(1, subscriber, type);
        if (eventType is LeadEventType.LeadCreated or LeadEventType.OwnerAssigned)
        {
            _speedToLead.Record(Math.Max(0, (acceptedAt - occurredAt).TotalMilliseconds), subscriber, type);
        }
    }

    /// <param name="dead">True when the retry window ran out and the delivery was dead-lettered.</param>
    public void WebhookFailed(string subscriberId, LeadEventType eventType, bool dead)
        => _webhooksFailed.Add(1, new("subscriber", subscriberId), new("type", eventType.ToString()), new("outcome", dead ? "dead" : "retry"));

    public void Duplicate(TransitionType type) => _duplicates.Add(1, new KeyValuePair<string, object?>("type", type.ToString()));

    public void SweepFinished(SweepKind sweep, SweepReport report, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(report);
        var name = new KeyValuePair<string, object?>("sweep", sweep.Name());
        _sweepLeads.Add(report.Examined, name, new("outcome", "examined"));
        _sweepLeads.Add(report.Changed, name, new("outcome", "changed"));
        _sweepLeads.Add(report.Queued, name, new("outcome", "queued"));
        _sweepLeads.Add(report.Skipped, name, new("outcome", "skipped"));
        _sweepDuration.Record(elapsed.TotalSeconds, name);
    }

    public void SweepFailed(SweepKind sweep) => _sweepFailures.Add(1, new KeyValuePair<string, object?>("sweep", sweep.Name()));

    public void Dispose() => _meter.Dispose();
}
