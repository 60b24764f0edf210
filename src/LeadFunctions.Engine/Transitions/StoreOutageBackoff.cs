using LeadFunctions.Engine.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadFunctions.Engine.Transitions;

/// <summary>
/// Rides out a store outage inside one delivery of a queued command: while the store is unavailable it waits
/// (doubling from <see cref="StoreOutageBackoffOptions.FirstDelay"/>, capped at <see cref="StoreOutageBackoffOptions.MaxDelay"/>)
/// and tries again, until <see cref="StoreOutageBackoffOptions.Budget"/> is spent. Giving a message back at once would
/// burn a delivery per attempt and dead-letter a whole backlog during a one-minute outage.
/// </summary>
public sealed partial class StoreOutageBackoff
{
    private readonly TimeProvider _time;
    private readonly StoreOutageBackoffOptions _options;
    private readonly ILogger<StoreOutageBackoff> _logger;

    public StoreOutageBackoff(TimeProvider time, IOptions<StoreOutageBackoffOptions> options, ILogger<StoreOutageBackoff> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>The attempt's result; or, when the store is still down once the budget is spent, the last <see cref="StoreUnavailableException"/>.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var started = _time.GetTimestamp();
        var delay = _options.FirstDelay;
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt(cancellationToken);
            }
            catch (StoreUnavailableException) when (_time.GetElapsedTime(started) + delay <= _options.Budget)
            {
                LogWaiting(tries, delay.TotalSeconds);
                await Task.Delay(delay, _time, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxDelay.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable (attempt {Attempt}); holding the message and trying again in {DelaySeconds} s")]
    private partial void LogWaiting(int attempt, double delaySeconds);
}
