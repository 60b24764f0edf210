using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Telemetry;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Engine.Processing;

/// <summary>
/// Runs one command against one lead with optimistic concurrency: read, decide with the state machine, write
/// lead + audit atomically, and on a lost race read again and decide again. A command id already recorded returns
/// the recorded outcome, so redelivery is harmless.
/// </summary>
public sealed partial class LeadCommandProcessor
{
    /// <summary>Generous, because a burst of submissions for one person contends on one row and each round has one winner.</summary>
    internal const int MaxAttempts = 100;

    private readonly ILeadStore _store;
    private readonly IDueIndex _dueIndex;
    private readonly StateMachine _machine;
    private readonly SweepSchedule _schedule;
    private readonly TimeProvider _time;
    private readonly LeadTelemetry _telemetry;
    private readonly ILogger<LeadCommandProcessor> _logger;

    public LeadCommandProcessor(
        ILeadStore store,
        IDueIndex dueIndex,
        StateMachine machine,
        SweepSchedule schedule,
        TimeProvider time,
        LeadTelemetry telemetry,
        ILogger<LeadCommandProcessor> logger)
    {
        _store = store;
        _dueIndex = dueIndex;
        _machine = machine;
        _schedule = schedule;
        _time = time;
        _telemetry = telemetry;
        _logger = logger;
    }

    public async Task<CommandOutcome> ProcessAsync(string leadId, TransitionCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        for (var attempt = 1; ; attempt++)
        {
            var load = await _store.LoadForCommandAsync(leadId, command.CommandId, cancellationToken);
            if (load.PriorOutcome is { } prior)
            {
                _telemetry.Duplicate(command.Type);
                LogDuplicate(leadId, command.Type, prior.Outcome);
                return new CommandOutcome(OutcomeKind.Duplicate, prior, load.Current?.Lead);
            }

            if (load.Current is null && !_machine.CanCreateLead(command))
            {
                return CommandOutcome.UnknownLead;
            }

            var result = _machine.Apply(leadId, load.Current?.Lead, command, _time.GetUtcNow());
            var dueBefore = load.Current is { } stored ? _schedule.DueDates(stored.Lead).ToHashSet() : [];
            var dueAfter = _schedule.DueDates(result.Lead).ToHashSet();

            // Index first: a landed change must never lack its due entry. The reverse (an entry for a change that
            // then lost its race) is harmless: the sweep re-checks the lead and drops the entry.
            var added = dueAfter.Except(dueBefore).ToList();
            if (added.Count > 0)
            {
                await _dueIndex.AddAsync(added, cancellationToken);
            }

            try
            {
                await _store.SaveAsync(result.Lead, load.Current?.ETag, result.Audit, cancellationToken);
            }
            catch (LeadWriteConflictException) when (attempt < MaxAttempts)
            {
                await Task.Delay(Backoff(attempt), cancellationToken);
                continue;
            }

            await RemoveStaleAsync(leadId, [.. dueBefore.Except(dueAfter)], cancellationToken);
            _telemetry.Recorded(result, command.Payload.Submission?.FormId);
            LogRecorded(leadId, command.Type, result.Audit.Outcome, result.Audit.RejectionCode, result.Lead.Stage.ToString(), result.Lead.Status.ToString());
            return new CommandOutcome(result.Audit.Outcome, result.Audit, result.Lead);
        }
    }

    private async Task RemoveStaleAsync(string leadId, IReadOnlyCollection<DueEntry> stale, CancellationToken cancellationToken)
    {
        if (stale.Count == 0)
        {
            return;
        }

        try
        {
            await _dueIndex.RemoveAsync(stale, cancellationToken);
        }
        catch (StoreUnavailableException ex)
        {
            // The change is committed; a stale entry only costs a sweep one extra read, after which it drops it.
            LogStaleEntriesKept(leadId, stale.Count, ex);
        }
    }

    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(100, 2 << Math.Min(attempt, 6));
        return TimeSpan.FromMilliseconds(Random.Shared.Next(1, ceiling));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {LeadId}: {CommandType} {Outcome} {RejectionCode} -> {Stage}/{Status}")]
    private partial void LogRecorded(string leadId, TransitionType commandType, OutcomeKind outcome, string? rejectionCode, string stage, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {LeadId}: {CommandType} already recorded as {Outcome}; nothing changed")]
    private partial void LogDuplicate(string leadId, TransitionType commandType, OutcomeKind outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead {LeadId}: {Count} stale due entries left for the sweep to drop")]
    private partial void LogStaleEntriesKept(string leadId, int count, Exception exception);
}
