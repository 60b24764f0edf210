using System.Collections.Concurrent;
using LeadFunctions.Engine.Events;

namespace LeadFunctions.Storage.Queues;

/// <summary>
/// This process's sends to the lead-events queue, joined: one sender at a time takes every change waiting and sends
/// their events together in as few messages as fit, then the next group, until none waits. Alone, a change is sent at
/// once; in a burst, changes that arrive while a send is on the wire share the next one. Every message a storage
/// queue carries is sent, received and deleted one request each, and the emulator rebuilds its indexes on every
/// delete, so at 200 hand-raises a second one message per change was what the consumer could not keep up with.
/// </summary>
internal sealed class LeadEventSendLine
{
    private readonly ConcurrentQueue<PendingSend> _waiting = new();
    private int _sending;

    /// <param name="eventJson">One change's events as <see cref="LeadEventJson"/>, in order; they stay together and in order.</param>
    /// <param name="send">Sends one message body; a failure fails every change in its group (their events wait in the outbox).</param>
    public async Task SendAsync(IReadOnlyList<string> eventJson, Func<string, Task> send, CancellationToken cancellationToken)
    {
        var pending = new PendingSend(eventJson);
        _waiting.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _sending, 1, 0) == 0)
        {
            _ = Task.Run(() => DrainAsync(send), CancellationToken.None);
        }

        try
        {
            await pending.Sent.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Left out if not taken yet; the change's events are in the outbox, and the relay pass sends them.
            pending.Sent.TrySetCanceled(cancellationToken);
            throw;
        }
    }

    private async Task DrainAsync(Func<string, Task> send)
    {
        do
        {
            while (_waiting.TryPeek(out _))
            {
                var group = TakeGroup();
                if (group.Count == 0)
                {
                    continue;
                }

                try
                {
                    foreach (var message in LeadEventMessageJson.Pack(group.SelectMany(p => p.EventJson)))
                    {
                        await send(message);
                    }

                    group.ForEach(p => p.Sent.TrySetResult());
                }
                catch (Exception ex)
                {
                    group.ForEach(p => p.Sent.TrySetException(ex));
                }
            }

            Volatile.Write(ref _sending, 0);

            // A change queued after the last look but before the flag dropped found the flag up and left it to this sender.
        }
        while (!_waiting.IsEmpty && Interlocked.CompareExchange(ref _sending, 1, 0) == 0);
    }

    /// <summary>Changes waiting, oldest first, while their events fit one message (the first one always goes, whatever its size).</summary>
    private List<PendingSend> TakeGroup()
    {
        var group = new List<PendingSend>();
        var chars = 0;
        while (_waiting.TryPeek(out var next) && (group.Count == 0 || chars + next.Chars <= LeadEventMessageJson.MaxMessageChars))
        {
            _waiting.TryDequeue(out _);
            if (next.Sent.Task.IsCompleted)
            {
                continue;
            }

            group.Add(next);
            chars += next.Chars;
        }

        return group;
    }

    private sealed record PendingSend(IReadOnlyList<string> EventJson)
    {
        public int Chars { get; } = EventJson.Sum(e => e.Length + 1) + 1;

        public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
