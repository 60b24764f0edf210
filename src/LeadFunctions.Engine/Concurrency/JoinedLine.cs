using System.Collections.Concurrent;

namespace LeadFunctions.Engine.Concurrency;

/// <summary>
/// Requests for work that is cheaper done for many at once, joined: one drainer at a time takes the requests waiting
/// (as many as <c>admits</c> lets into one group), hands them to the handler together in arrival order, answers each,
/// then takes the next group, until none waits. Alone, a request is handled at once; in a burst, requests that arrive
/// while a group is in hand share the next one, so a burst costs the shared work per group instead of per request.
/// A request whose caller gave up before its group was taken is left out.
/// </summary>
/// <typeparam name="TRequest">What a caller asks.</typeparam>
/// <typeparam name="TAnswer">What the handler answers each request.</typeparam>
public sealed class JoinedLine<TRequest, TAnswer>
{
    private readonly ConcurrentQueue<Waiting> _waiting = new();
    private readonly Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TAnswer>>> _handle;
    private readonly Func<IReadOnlyList<TRequest>, TRequest, bool> _admits;
    private int _draining;

    /// <param name="handle">Answers a group, one answer per request in its order; a failure fails every request of the group.</param>
    /// <param name="admits">Whether a group taken so far (never empty) takes the next request too; the first request of a group always goes.</param>
    public JoinedLine(Func<IReadOnlyList<TRequest>, Task<IReadOnlyList<TAnswer>>> handle, Func<IReadOnlyList<TRequest>, TRequest, bool> admits)
    {
        _handle = handle;
        _admits = admits;
    }

    /// <summary>Not cancelled with one caller: the group's other requests wait on the same work.</summary>
    public async Task<TAnswer> JoinAsync(TRequest request, CancellationToken cancellationToken)
    {
        var waiting = new Waiting(request);
        _waiting.Enqueue(waiting);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        try
        {
            return await waiting.Answer.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Tells the drainer to leave it out if it has not taken it yet.
            waiting.Answer.TrySetCanceled(cancellationToken);
            throw;
        }
    }

    private async Task DrainAsync()
    {
        do
        {
            while (!_waiting.IsEmpty)
            {
                var group = TakeGroup();
                if (group.Count == 0)
                {
                    continue;
                }

                try
                {
                    var answers = await _handle([.. group.Select(w => w.Request)]);
                    if (answers.Count != group.Count)
                    {
                        throw new InvalidOperationException($"The line's handler answered {answers.Count} of {group.Count} requests.");
                    }

                    for (var i = 0; i < group.Count; i++)
                    {
                        group[i].Answer.TrySetResult(answers[i]);
                    }
                }
                catch (Exception ex)
                {
                    group.ForEach(w => w.Answer.TrySetException(ex));
                }
            }

            Volatile.Write(ref _draining, 0);

            // A request queued after the last look but before the flag dropped found the flag up and left it to this drainer.
        }
        while (!_waiting.IsEmpty && Interlocked.CompareExchange(ref _draining, 1, 0) == 0);
    }

    /// <summary>Requests waiting, oldest first, while the group admits them; those whose callers gave up are dropped.</summary>
    private List<Waiting> TakeGroup()
    {
        var group = new List<Waiting>();
        var requests = new List<TRequest>();
        while (_waiting.TryPeek(out var next) && (group.Count == 0 || _admits(requests, next.Request)))
        {
            _waiting.TryDequeue(out _);
            if (!next.Answer.Task.IsCompleted)
            {
                group.Add(next);
                requests.Add(next.Request);
            }
        }

        return group;
    }

    private sealed record Waiting(TRequest Request)
    {
        public TaskCompletionSource<TAnswer> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
