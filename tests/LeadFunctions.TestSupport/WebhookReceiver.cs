using System.Collections.Concurrent;
using System.Net;

namespace LeadFunctions.TestSupport;

/// <summary>
/// A webhook receiver on 127.0.0.1 for delivery tests: records every POST (headers and raw body) and answers with the
/// status <see cref="Answer"/> picks for it, after <see cref="Delay"/> (a hanging receiver is a long delay).
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _arrived;
    private int _disposed;

    public WebhookReceiver()
    {
        Port = AzuriteServer.FreePort();
        Url = $"http://127.0.0.1:{Port}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; }

    public string Url { get; }

    /// <summary>Status for the n-th request (0-based); 200 unless set.</summary>
    public Func<int, int> Answer { get; set; } = _ => 200;

    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>A delay for the request carrying this X-LeadFunctions-Event-Id (a slow receiver for one lead's events); added to <see cref="Delay"/>.</summary>
    public Func<string, TimeSpan> DelayOf { get; set; } = _ => TimeSpan.Zero;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Requests that arrived, answered or not yet (a hanging receiver records its requests only when it answers).</summary>
    public int Arrived => Volatile.Read(ref _arrived);

    /// <summary>The requests answered 2xx, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => [.. Received.Where(r => r.Status is >= 200 and < 300)];

    public async Task WaitForAsync(Func<WebhookReceiver, bool> done, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (!done(this))
        {
            await Task.Delay(50, cancel.Token);
        }
    }

    public void Dispose()
    {
        // Fixtures can be disposed twice (DisposeAsync, then Dispose): the second time is a no-op.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The listener throws when closed under a pending GetContextAsync: that is how the loop ends.
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        var count = 0;
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            var index = count++;
            Interlocked.Increment(ref _arrived);
            _ = Task.Run(() => AnswerAsync(context, index));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, int index)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var status = Answer(index);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k] ?? string.Empty, StringComparer.OrdinalIgnoreCase);
            var delay = Delay + DelayOf(headers.GetValueOrDefault("X-LeadFunctions-Event-Id", string.Empty));
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _stop.Token);
            }

            Received.Enqueue(new ReceivedWebhook(index, status, headers, body.ToArray(), DateTimeOffset.UtcNow));
            context.Response.StatusCode = status;
            context.Response.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The client gave up (a timeout under test) or the receiver is stopping.
        }
    }
}
