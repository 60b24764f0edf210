using System.Collections.Concurrent;
using LeadFunctions.Domain.Routing;

namespace LeadFunctions.Engine.Routing;

/// <summary>
/// One team's picks within this instance, decided in groups by one drainer at a time: it takes every pick waiting (up
/// to <see cref="MaxGroup"/>) and decides them together, in arrival order, against one read of the rotation and one
/// save at its version, then the next group, until none waits. A burst of handoffs then costs a read and a write per
/// group instead of per lead (two storage round trips per lead in single file was what held speed-to-lead back), and
/// a pick already answered never queues for a gate just to leave. A group stays well inside the rotation's memory of
/// recent picks, so a redelivered command still finds its pick.
/// </summary>
internal sealed class TeamPickLine
{
    internal const int MaxGroup = RepRotation.RecentCapacity / 2;

    private readonly ConcurrentQueue<PendingPick> _waiting = new();
    private int _draining;

    /// <param name="decide">Answers every pick of a group (a failure fails the group; its picks spent no turn).</param>
    public async Task<Assignment?> PickAsync(PendingPick pick, Func<IReadOnlyList<PendingPick>, Task> decide, CancellationToken cancellationToken)
    {
        _waiting.Enqueue(pick);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            _ = Task.Run(() => DrainAsync(decide), CancellationToken.None);
        }

        try
        {
            return await pick.Answer.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Tells the drainer to leave it out if it has not taken it yet: no turn for a lead nobody will write.
            pick.Answer.TrySetCanceled(cancellationToken);
            throw;
        }
    }

    private async Task DrainAsync(Func<IReadOnlyList<PendingPick>, Task> decide)
    {
        do
        {
            while (!_waiting.IsEmpty)
            {
                var group = new List<PendingPick>(MaxGroup);
                while (group.Count < MaxGroup && _waiting.TryDequeue(out var waiting))
                {
                    if (!waiting.Answer.Task.IsCompleted)
                    {
                        group.Add(waiting);
                    }
                }

                if (group.Count == 0)
                {
                    continue;
                }

                try
                {
                    await decide(group);
                    foreach (var unanswered in group)
                    {
                        unanswered.Answer.TrySetException(new InvalidOperationException("The rotation left a pick unanswered."));
                    }
                }
                catch (Exception ex)
                {
                    foreach (var failed in group)
                    {
                        failed.Answer.TrySetException(ex);
                    }
                }
            }

            Volatile.Write(ref _draining, 0);

            // A pick queued after the last look but before the flag dropped found the flag up and left it to this drainer.
        }
        while (!_waiting.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0);
    }
}
