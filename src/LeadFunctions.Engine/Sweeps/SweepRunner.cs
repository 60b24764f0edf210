using System.Collections.Concurrent;
using System.Diagnostics;
using LeadFunctions.Domain.Sweeps;
using LeadFunctions.Domain.Transitions;
using LeadFunctions.Engine.Ports;
using LeadFunctions.Engine.Telemetry;
using LeadFunctions.Engine.Transitions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Sweeps;

/// <summary>
/// Runs one sweep: pages through the due index (never the whole lead table), re-checks each due lead against the
/// playbook, and queues the sweep's system command on the transition queue, in both hosts. The consumer applies it
/// like a rep's command: in the lead's ordered session (Service Bus in Azure, the storage-queue worker locally), after
/// reading the lead again, so a sweep and a rep never race on one lead and the state machine decides on the lead as it
/// is then. Each due occurrence has its own command id, so a run that is interrupted (or queues a command twice) and
/// runs again never changes a lead twice; applying the command removes its due entry in the same transaction.
/// </summary>
public sealed partial class SweepRunner
{
    private readonly IDueIndex _dueIndex;
    private readonly ILeadStore _store;
    private readonly SweepSchedule _schedule;
    private readonly ITransitionPublisher _publisher;
    private readonly ISweepRuns _runs;
    private readonly TimeProvider _time;
    private readonly LeadTelemetry _telemetry;
    private readonly SweepOptions _options;
    private readonly ILogger<SweepRunner> _logger;

    public SweepRunner(
        IDueIndex dueIndex,
        ILeadStore store,
        SweepSchedule schedule,
        ITransitionPublisher publisher,
        ISweepRuns runs,
        TimeProvider time,
        LeadTelemetry telemetry,
        IOptions<SweepOptions> options,
        ILogger<SweepRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(publisher);
        _dueIndex = dueIndex;
        _store = store;
        _schedule = schedule;
        _publisher = publisher;
        _runs = runs;
        _time = time;
        _telemetry = telemetry;
        _options = options.Value;
        _logger = logger;
    }

    /// <param name="asOf">Run as if now were this instant (development and tests); null means now.</param>
    public async Task<SweepReport> RunAsync(SweepKind sweep, DateTimeOffset? asOf, bool dryRun, CancellationToken cancellationToken)
    {
        var now = asOf ?? _time.GetUtcNow();
        var started = _time.GetTimestamp();
        using var activity = LeadTelemetry.Source.StartActivity("Sweep");
        activity?.SetTag("sweep.name", sweep.Name());
        var tally = new Tally();
        var progress = new SweepRun(
            sweep.Name(), Guid.NewGuid().ToString("N"), SweepRunState.Running, dryRun, now, _time.GetUtcNow(), _time.GetUtcNow(), null, 0, 0, 0, 0, 0);
        try
        {
            progress = progress with { Total = await _dueIndex.CountDueAsync(sweep, now, cancellationToken) };
            await SaveAsync(progress, cancellationToken);
            var lastProgress = _time.GetTimestamp();
            string? continuation = null;
            var page = 0;
            do
            {
                var due = await _dueIndex.ReadDueAsync(sweep, now, _options.PageSize, continuation, cancellationToken);
                await Parallel.ForEachAsync(
                    due.Entries,
                    new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
                    async (entry, ct) => await VisitAsync(entry, sweep, now, dryRun, tally, ct));
                continuation = due.ContinuationToken;
                LogPage(sweep.Name(), ++page, tally.Examined, tally.Changed, tally.Skipped);
                if (continuation is not null && _time.GetElapsedTime(lastProgress) >= _options.ProgressInterval)
                {
                    progress = tally.Into(progress, SweepRunState.Running, _time.GetUtcNow());
                    LogProgress(sweep.Name(), progress.Done, progress.Total, progress.Queued, progress.Skipped);
                    await SaveAsync(progress, cancellationToken);
                    lastProgress = _time.GetTimestamp();
                }
            }
            while (continuation is not null);
        }
        catch (OperationCanceledException)
        {
            // The host is stopping: the run resumes safely next time, and whoever watches should not see it running forever.
            await SaveAsync(tally.Into(progress, SweepRunState.Interrupted, _time.GetUtcNow()), CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            _telemetry.SweepFailed(sweep);
            LogFailed(sweep.Name(), tally.Examined, ex);
            await SaveAsync(tally.Into(progress, SweepRunState.Failed, _time.GetUtcNow()), CancellationToken.None);
            throw;
        }

        var report = new SweepReport(sweep.Name(), now, dryRun, tally.Examined, tally.Changed, tally.Skipped, [.. tally.Planned.OrderBy(p => p.DueAt)])
        {
            Queued = tally.Queued,
            Total = progress.Total,
            RunId = progress.RunId,
        };
        var elapsed = _time.GetElapsedTime(started);
        _telemetry.SweepFinished(sweep, report, elapsed);
        LogFinished(sweep.Name(), dryRun, report.Examined, report.Changed, report.Queued, report.Skipped, elapsed.TotalMilliseconds);
        await SaveAsync(tally.Into(progress, SweepRunState.Completed, _time.GetUtcNow()), cancellationToken);
        return report;
    }

    /// <summary>
    /// Progress is for people watching: a store hiccup while saving it is logged and the run goes on, since the leads'
    /// changes matter more than the count shown beside them.
    /// </summary>
    private async Task SaveAsync(SweepRun run, CancellationToken cancellationToken)
    {
        try
        {
            await _runs.SaveAsync(run, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogProgressNotSaved(run.Sweep, ex);
        }
    }

    private async Task VisitAsync(DueEntry entry, SweepKind sweep, DateTimeOffset now, bool dryRun, Tally tally, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref tally.Examined);
        var stored = await _store.GetAsync(entry.LeadId, cancellationToken);
        var action = stored is null ? null : _schedule.ActionFor(sweep, stored.Lead, now);
        if (dryRun)
        {
            if (action is not null)
            {
                tally.Planned.Add(new PlannedChange(entry.LeadId, action.Command.ToString(), action.DueAt));
                Interlocked.Increment(ref tally.Changed);
            }
            else
            {
                Interlocked.Increment(ref tally.Skipped);
            }

            return;
        }

        if (action is null)
        {
            Interlocked.Increment(ref tally.Skipped);
            await DropAsync(entry, stored, cancellationToken);
            return;
        }

        // The consumer applies it and its transaction removes the lead's entry; queueing it again on a later run is
        // harmless: same command id.
        var command = new TransitionCommand(action.CommandId, action.Command, now, Actor: CommandIds.SweepActor(sweep), Reason: ReasonOf(action.Command));
        await _publisher.PublishAsync(new TransitionEnvelope(entry.LeadId, command), cancellationToken);
        Interlocked.Increment(ref tally.Queued);
        if (action.DueAt != entry.DueAt)
        {
            // An older occurrence than the one the lead lists (and the command answers): nobody else removes it.
            await _dueIndex.RemoveAsync([entry], cancellationToken);
        }
    }

    /// <summary>
    /// An entry that is not due: the lead is erased, or not due under the current playbook (its thresholds changed
    /// since the entry was written). An entry the lead still lists goes with a rewrite of the lead's due entries as the
    /// playbook now has them, guarded by the lead's version: if the lead changed meanwhile, that write already
    /// rewrote them and this entry stays for the next run to look at again.
    /// </summary>
    private async Task DropAsync(DueEntry entry, StoredLead? stored, CancellationToken cancellationToken)
    {
        if (stored is null)
        {
            await _dueIndex.RemoveAsync([entry], cancellationToken);
            return;
        }

        var current = _schedule.DueDates(stored.Lead).ToList();
        if (stored.Due.Contains(entry) || !current.ToHashSet().SetEquals(stored.Due))
        {
            await _store.RescheduleAsync(stored with { Due = [.. stored.Due.Append(entry).Distinct()] }, current, cancellationToken);
            return;
        }

        await _dueIndex.RemoveAsync([entry], cancellationToken);
    }

    /// <summary>By command, not by sweep: one sweep may owe a lead different steps (an SLA warning, then its breach).</summary>
    private static string ReasonOf(TransitionType command) => command switch
    {
        TransitionType.NoContactTimeout => "no-contact",
        TransitionType.WentDark => "went-dark",
        TransitionType.CheckBackDue => "check-back-due",
        TransitionType.OpportunityResurfaced => "opportunity-resurfaced",
        TransitionType.SlaWarning => "sla-warning",
        TransitionType.SlaBreached => "sla-breached",
        TransitionType.AssignmentDue => "queued-for-a-rep",
        TransitionType.EngagementLapsed => "no-engagement",
        TransitionType.InterestDecayed => "interest-decayed",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Not a sweep's command."),
    };

    private sealed class Tally
    {
        public int Examined;
        public int Changed;
        public int Skipped;
        public int Queued;
        public readonly ConcurrentBag<PlannedChange> Planned = [];

        public SweepRun Into(SweepRun run, SweepRunState state, DateTimeOffset at) => run with
        {
            State = state,
            UpdatedAt = at,
            FinishedAt = state == SweepRunState.Running ? null : at,
            Done = Volatile.Read(ref Examined),
            Queued = Volatile.Read(ref Queued),
            Changed = Volatile.Read(ref Changed),
            Skipped = Volatile.Read(ref Skipped),
        };
    }

    // Debug: due pages can hold a single entry, and the run's one Information line is the finished line with its counts.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Sweep {Sweep}: page {Page} done, {Examined} examined, {Changed} changed, {Skipped} skipped so far")]
    private partial void LogPage(string sweep, int page, int examined, int changed, int skipped);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Sweep}: {Done} of {Total} due leads examined, {Queued} queued, {Skipped} skipped so far")]
    private partial void LogProgress(string sweep, int done, int total, int queued, int skipped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep {Sweep}: its progress could not be saved; the run goes on")]
    private partial void LogProgressNotSaved(string sweep, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep {Sweep} finished (dry run: {DryRun}): {Examined} examined, {Changed} changed, {Queued} queued, {Skipped} skipped in {ElapsedMs} ms")]
    private partial void LogFinished(string sweep, bool dryRun, int examined, int changed, int queued, int skipped, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sweep {Sweep} stopped after {Examined} leads; it resumes safely on the next run")]
    private partial void LogFailed(string sweep, int examined, Exception exception);
}
