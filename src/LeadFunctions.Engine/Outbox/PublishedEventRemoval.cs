using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Outbox;

/// <summary>
/// Clears the outbox rows of events the fast path published, every <see cref="LeadEventRelayOptions.RemovalInterval"/>
/// and once more when the host stops gracefully, after the requests in flight have finished, so a restart does not
/// publish them again.
/// </summary>
public sealed class PublishedEventRemoval : BackgroundService
{
    /// <summary>How long the last removal may take at a stop; past it the rows stay for the pass.</summary>
    internal static readonly TimeSpan FinalRemovalTimeout = TimeSpan.FromSeconds(10);

    private readonly LeadEventRelay _relay;
    private readonly TimeProvider _time;

    // Made here, not in ExecuteAsync, which runs on its own thread: its first interval starts when the host starts.
    private readonly PeriodicTimer _timer;

    public PublishedEventRemoval(LeadEventRelay relay, IOptions<LeadEventRelayOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _relay = relay;
        _time = time;
        _timer = new PeriodicTimer(options.Value.RemovalInterval, time);
    }

    public override void Dispose()
    {
        _timer.Dispose();
        base.Dispose();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        using var timeout = new CancellationTokenSource(FinalRemovalTimeout, _time);
        await _relay.RemovePublishedAsync(timeout.Token);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(stoppingToken))
            {
                await _relay.RemovePublishedAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync removes what is left.
        }
    }
}
