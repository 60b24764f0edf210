using LeadFunctions.Domain.Routing;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Outbox;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Routing;
using LeadFunctions.Engine.Telemetry;
using Microsoft.Extensions.Logging;

namespace LeadFunctions.Engine.Processing;

/// <summary>
/// Runs one command against one lead with optimistic concurrency: decide with the state machine, then write lead,
/// audit line and due entries in one transaction; on a lost race read again and decide again. A command id already
/// recorded returns the recorded outcome, so redelivery is harmless.
/// The first attempt skips the read when it can: a submission from a person this store may not know is tried as an
/// insert, and a lead this instance wrote recently is written against its cached version. Either guess, when wrong,
/// costs one refused write and falls back to reading.
/// A change that hands the lead to sales is placed with a rep (or its team's queue) before it is written, so the lead
/// is never stored handed off but unowned. A guess may spend a rep's rotation turn on a lead that, as stored, does not
/// need it (the person was known, and their lead owned); that turn is given back once the write shows it, so the guess
/// costs the rotation nothing and a new person's hand-raise costs no read.
/// </summary>
public sealed partial class LeadCommandProcessor
{
    /// <summary>Generous, because a burst of submissions for one person contends on one row and each round has one winner.</summary>
    internal const int MaxAttempts = 100;

    private readonly ILeadStore _store;
    private readonly StateMachine _machine;
    private readonly SweepSchedule _schedule;
    private readonly LeadStateCache _cache;
    private readonly RepAssigner _assigner;
    private readonly LeadEventRelay _relay;
    private readonly TimeProvider _time;
    private readonly LeadTelemetry _telemetry;
    private readonly ILogger<LeadCommandProcessor> _logger;

    public LeadCommandProcessor(
        ILeadStore store,
        StateMachine machine,
        SweepSchedule schedule,
        LeadStateCache cache,
        RepAssigner assigner,
        LeadEventRelay relay,
        TimeProvider time,
        LeadTelemetry telemetry,
        ILogger<LeadCommandProcessor> logger)
    {
        _store = store;
        _machine = machine;
        _schedule = schedule;
        _cache = cache;
        _assigner = assigner;
        _relay = relay;
        _time = time;
        _telemetry = telemetry;
        _logger = logger;
    }

    public Task<CommandOutcome> ProcessAsync(string leadId, TransitionCommand command, CancellationToken cancellationToken)
        => ProcessAsync(leadId, command, publishNow: true, FirstLook.Guess, cancellationToken);

    /// <param name="publishNow">
    /// False leaves the change's stored events to the relay pass, which publishes them in bulk a moment later: for bulk
    /// work (an import) where nobody waits on one lead's events, it saves each command its own send and outbox delete.
    /// </param>
    /// <param name="firstLook">How the first attempt learns what is stored; any choice is safe, a poor one costs a round trip.</param>
    public async Task<CommandOutcome> ProcessAsync(string leadId, TransitionCommand command, bool publishNow, FirstLook firstLook, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var guessed = false;
        Assignment? pickedOnGuess = null;
        for (var attempt = 1; ; attempt++)
        {
            LeadLoad load;
            if (attempt == 1 && firstLook == FirstLook.CommandFirst)
            {
                load = await LoadCommandFirstAsync(leadId, command.CommandId, cancellationToken);
            }
            else if (attempt == 1 && Guess(leadId, command) is { } guess)
            {
                load = guess;
                guessed = true;
            }
            else
            {
                load = await _store.LoadForCommandAsync(leadId, command.CommandId, cancellationToken);
            }

            if (load.PriorOutcome is { } prior)
            {
                _telemetry.Duplicate(command.Type);
                LogDuplicate(leadId, command.Type, prior.Outcome);
                return new CommandOutcome(OutcomeKind.Duplicate, prior, load.Current?.Lead);
            }

            if (load.Current is null && !_machine.CanCreateLead(command))
            {
                _cache.Forget(leadId);
                await GiveBackUnusedAsync(pickedOnGuess, null, command.CommandId, cancellationToken);
                return CommandOutcome.UnknownLead;
            }

            var result = _machine.Apply(leadId, load.Current?.Lead, command, _time.GetUtcNow());
            if (result.Handoff is { } handoff)
            {
                // The rotation remembers picks by command id, so a retry after a lost write gets the same rep, not a second turn.
                if (await _assigner.AssignAsync(handoff, _time.GetUtcNow(), cancellationToken) is { } assignment)
                {
                    result = StateMachine.Assign(result, assignment);
                    if (guessed && attempt == 1)
                    {
                        pickedOnGuess = assignment;
                    }
                }
            }

            var dueAfter = _schedule.DueDates(result.Lead).ToList();
            string etag;
            try
            {
                etag = await _store.SaveAsync(
                    new LeadWrite(result.Lead, load.Current?.ETag, result.Audit, load.Current?.Due ?? [], dueAfter) { Events = result.Events },
                    cancellationToken);
            }
            catch (LeadWriteConflictException) when (attempt < MaxAttempts)
            {
                _cache.Forget(leadId);

                // A wrong guess is not contention: read and retry at once.
                if (!(guessed && attempt == 1))
                {
                    await Task.Delay(Backoff(attempt), cancellationToken);
                }

                continue;
            }

            _cache.Remember(new StoredLead(result.Lead, etag, dueAfter));

            // Not cancelled with the request: the change is stored, and the turn would otherwise stay spent.
            await GiveBackUnusedAsync(pickedOnGuess, result.Audit.Assignment, command.CommandId, CancellationToken.None);
            _telemetry.Recorded(result, command.Payload.Submission?.FormId);
            if (result.Audit.Outcome == OutcomeKind.Applied)
            {
                LogApplied(leadId, command.Type, result.Lead.Stage.ToString(), result.Lead.Status.ToString());
                if (result.Audit.Assignment is { } assignment)
                {
                    _telemetry.Assigned(assignment);
                    LogAssigned(leadId, assignment.Team, assignment.Rep ?? "(team queue)", assignment.Rule ?? "(default)");
                }
            }
            else
            {
                LogRefused(leadId, command.Type, result.Audit.Outcome, result.Audit.RejectionCode ?? "none", result.Lead.Stage.ToString(), result.Lead.Status.ToString());
            }

            // The events are stored; publishing them now only saves subscribers the relay pass's wait.
            if (publishNow)
            {
                await _relay.PublishStoredAsync(result.Events, cancellationToken);
            }

            return new CommandOutcome(result.Audit.Outcome, result.Audit, result.Lead);
        }
    }

    /// <summary>
    /// Gives back the turn a guess took when the change as stored did not keep its rep: the lead was there already and
    /// needed no handoff, or went elsewhere. Not for a command found recorded: its pick was made, and used, by the run
    /// that recorded it.
    /// </summary>
    private async Task GiveBackUnusedAsync(Assignment? pickedOnGuess, Assignment? stored, string commandId, CancellationToken cancellationToken)
    {
        if (pickedOnGuess is not null && (stored?.Team != pickedOnGuess.Team || stored.Rep != pickedOnGuess.Rep))
        {
            await _assigner.GiveBackAsync(pickedOnGuess, commandId, cancellationToken);
        }
    }

    /// <summary>
    /// The command's audit line, and only when it is not recorded the lead: one point read for a command recorded
    /// before. The two reads are not one snapshot, and need not be: a command recorded in between makes the write's
    /// insert of its audit line fail, and the retry finds it.
    /// </summary>
    private async Task<LeadLoad> LoadCommandFirstAsync(string leadId, string commandId, CancellationToken cancellationToken)
    {
        if (await _store.FindCommandAsync(leadId, commandId, cancellationToken) is { } recorded)
        {
            return new LeadLoad(null, recorded);
        }

        return new LeadLoad(await _store.GetAsync(leadId, cancellationToken), null);
    }

    /// <summary>What to assume without reading: the cached lead, or no lead for a submission that could create one.</summary>
    private LeadLoad? Guess(string leadId, TransitionCommand command)
    {
        if (_cache.TryGet(leadId, out var cached))
        {
            return new LeadLoad(cached, null);
        }

        return _machine.CanCreateLead(command) ? new LeadLoad(null, null) : null;
    }

    private static TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(100, 2 << Math.Min(attempt, 6));
        return TimeSpan.FromMilliseconds(Random.Shared.Next(1, ceiling));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {LeadId}: {CommandType} applied -> {Stage}/{Status}")]
    private partial void LogApplied(string leadId, TransitionType commandType, string stage, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {LeadId}: assigned to {Rep} of team {Team} by rule {Rule}")]
    private partial void LogAssigned(string leadId, string team, string rep, string rule);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {LeadId}: {CommandType} {Outcome} ({RejectionCode}); stays {Stage}/{Status}")]
    private partial void LogRefused(string leadId, TransitionType commandType, OutcomeKind outcome, string rejectionCode, string stage, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {LeadId}: {CommandType} already recorded as {Outcome}; nothing changed")]
    private partial void LogDuplicate(string leadId, TransitionType commandType, OutcomeKind outcome);
}
