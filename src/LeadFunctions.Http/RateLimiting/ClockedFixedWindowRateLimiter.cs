using System.Threading.RateLimiting;

namespace LeadFunctions.Http.RateLimiting;

/// <summary>
/// A fixed-window limiter on a <see cref="TimeProvider"/> (the built-in one reads the stopwatch, so tests could only wait).
/// Windows start at the first request after the previous one ended; the lease that is refused carries Retry-After.
/// </summary>
internal sealed class ClockedFixedWindowRateLimiter : RateLimiter
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly int _permitLimit;
    private readonly TimeSpan _window;
    private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;
    private int _used;
    private long _successful;
    private long _failed;

    public ClockedFixedWindowRateLimiter(TimeProvider time, int permitLimit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(permitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _time = time;
        _permitLimit = permitLimit;
        _window = window;
    }

    /// <summary>Idle once its window is over: the partitioned limiter may then drop it, which loses nothing.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                var now = _time.GetUtcNow();
                return now >= _windowEnd ? now - _windowEnd : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = _time.GetUtcNow() >= _windowEnd ? _permitLimit : _permitLimit - _used,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successful,
                TotalFailedLeases = _failed,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, _permitLimit);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            if (now >= _windowEnd)
            {
                _windowEnd = now + _window;
                _used = 0;
            }

            if (permitCount == 0 || _used + permitCount <= _permitLimit)
            {
                _used += permitCount;
                _successful++;
                return Lease.Granted;
            }

            _failed++;
            return new Lease(false, _windowEnd - now);
        }
    }

    /// <summary>No queue: waiting would hold a request (and a worker) for up to a window, which is what an abuser wants.</summary>
    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        => ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } value && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = value;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
