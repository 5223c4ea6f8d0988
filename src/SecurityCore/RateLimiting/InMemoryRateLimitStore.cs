using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>
/// The embedded store: one lock-guarded entry per key in a concurrent table, no allocation for a key already held.
/// Memory is bounded by <see cref="RateLimitingOptions.MaxKeys"/>: idle keys (back to their full allowance) are evicted on
/// a timer and when the table is full; if every key is busy, new keys of a policy share one overflow entry.
/// </summary>
internal sealed partial class InMemoryRateLimitStore : IRateLimitStore, IRateLimitStoreHealth, IDisposable
{
    private const string OverflowSuffix = "|~overflow";
    private readonly ConcurrentDictionary<string, InMemoryRateLimitEntry> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly int _maxKeys;
    private readonly ITimer? _timer;
    private readonly Lock _sweepGate = new();
    private readonly long _baseMicros;
    private readonly long _baseTimestamp;
    private readonly double _microsPerTimestamp;
    private int _count;
    private long _lastForcedSweep;

    public InMemoryRateLimitStore(IOptions<RateLimitingOptions> options, TimeProvider time, ILogger<InMemoryRateLimitStore> logger)
        : this(options?.Value.MaxKeys ?? throw new ArgumentNullException(nameof(options)), options.Value.EvictionInterval, time, logger)
    {
    }

    /// <summary>Creates a store with its own bound and eviction timer (also the local fallback of the Redis store).</summary>
    public InMemoryRateLimitStore(int maxKeys, TimeSpan evictionInterval, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _time = time;
        _logger = logger;
        _maxKeys = Math.Max(1, maxKeys);
        // One process only needs a monotonic clock: the wall clock read once, then the (cheaper) timestamp counter.
        _baseTimestamp = time.GetTimestamp();
        _baseMicros = (time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        _microsPerTimestamp = 1_000_000d / time.TimestampFrequency;
        if (evictionInterval > TimeSpan.Zero)
        {
            _timer = time.CreateTimer(_ => Sweep(), null, evictionInterval, evictionInterval);
        }
    }

    /// <inheritdoc />
    public string StoreKind => "memory";

    /// <inheritdoc />
    public bool IsDegraded => false;

    /// <inheritdoc />
    public DateTimeOffset? DegradedSince => null;

    /// <inheritdoc />
    public string? LastError => null;

    /// <summary>Gets how many keys are held.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public ValueTask<RateLimitOutcome> AcquireAsync(RateLimitPolicy policy, string key, long nowMicros, int cost, bool dryRun, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Acquire(policy, key, nowMicros, cost, dryRun));

    /// <summary>Counts synchronously: the hot path.</summary>
    public RateLimitOutcome Acquire(RateLimitPolicy policy, string key, long nowMicros, int cost, bool dryRun)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(key);
        while (true)
        {
            if (!_entries.TryGetValue(key, out var entry))
            {
                if (dryRun)
                {
                    // Nothing is stored for a look at a fresh key.
                    var fresh = new InMemoryRateLimitEntry { Kind = policy.Kind };
                    return Apply(fresh, policy, nowMicros, cost, dryRun: true);
                }

                entry = GetOrAddEntry(policy, key, nowMicros);
            }

            if (policy.Kind == RateLimitAlgorithmKind.Gcra && entry.Kind == RateLimitAlgorithmKind.Gcra)
            {
                if (TryGcra(entry, policy, nowMicros, cost, dryRun, out var counted))
                {
                    return counted;
                }

                continue;
            }

            lock (entry.Gate)
            {
                if (entry.Removed)
                {
                    continue;
                }

                if (entry.Kind != policy.Kind)
                {
                    // The policy's algorithm changed at a reload; the state is read by the new one from now on.
                    entry.IdleAt = Math.Max(entry.IdleAt, entry.A);
                    entry.Kind = policy.Kind;
                }

                return Apply(entry, policy, nowMicros, cost, dryRun);
            }
        }
    }

    /// <summary>GCRA without the lock: false when the entry was evicted meanwhile (look it up again).</summary>
    private static bool TryGcra(InMemoryRateLimitEntry entry, RateLimitPolicy policy, long now, int cost, bool dryRun, out RateLimitOutcome outcome)
    {
        while (true)
        {
            var seen = Volatile.Read(ref entry.A);
            if (seen == InMemoryRateLimitEntry.RemovedMarker)
            {
                outcome = default;
                return false;
            }

            var tat = seen;
            outcome = RateLimitMath.Gcra(ref tat, now, policy.EmissionIntervalMicros, policy.Burst, cost, dryRun);
            if (tat == seen || Interlocked.CompareExchange(ref entry.A, tat, seen) == seen)
            {
                return true;
            }
        }
    }

    /// <summary>Evicts every idle key.</summary>
    public int Sweep()
    {
        if (!_sweepGate.TryEnter())
        {
            return 0;
        }

        try
        {
            var now = Now();
            var removed = 0;
            foreach (var (key, entry) in _entries)
            {
                lock (entry.Gate)
                {
                    var a = Volatile.Read(ref entry.A);
                    if (entry.Removed || entry.IdleAt > now || (entry.Kind == RateLimitAlgorithmKind.Gcra && a > now))
                    {
                        continue;
                    }

                    // A GCRA count that lands between the read and here wins, and the entry stays.
                    if (Interlocked.CompareExchange(ref entry.A, InMemoryRateLimitEntry.RemovedMarker, a) != a)
                    {
                        continue;
                    }

                    entry.Removed = true;
                }

                if (_entries.TryRemove(new KeyValuePair<string, InMemoryRateLimitEntry>(key, entry)))
                {
                    Interlocked.Decrement(ref _count);
                    removed++;
                }
            }

            if (removed > 0)
            {
                LogEvicted(_logger, removed, Count);
            }

            return removed;
        }
        finally
        {
            _sweepGate.Exit();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _timer?.Dispose();

    private static RateLimitOutcome Apply(InMemoryRateLimitEntry entry, RateLimitPolicy policy, long now, int cost, bool dryRun)
    {
        RateLimitOutcome outcome;
        switch (policy.Kind)
        {
            case RateLimitAlgorithmKind.FixedWindow:
                outcome = RateLimitMath.FixedWindow(ref entry.A, ref entry.B, now, policy.PeriodMicros, policy.Limit, cost, dryRun);
                break;
            case RateLimitAlgorithmKind.SlidingWindow:
                outcome = RateLimitMath.SlidingWindow(ref entry.A, ref entry.B, ref entry.C, now, policy.PeriodMicros, policy.Limit, cost, dryRun);
                break;
            default:
                outcome = RateLimitMath.Gcra(ref entry.A, now, policy.EmissionIntervalMicros, policy.Burst, cost, dryRun);
                break;
        }

        if (!dryRun)
        {
            entry.IdleAt = Math.Max(entry.IdleAt, now + outcome.ResetAfterMicros);
        }

        return outcome;
    }

    private InMemoryRateLimitEntry GetOrAddEntry(RateLimitPolicy policy, string key, long now)
    {
        if (Interlocked.Increment(ref _count) > _maxKeys)
        {
            Interlocked.Decrement(ref _count);
            // A full table is swept at most once a second, so a flood of new keys cannot make every check a full scan.
            var last = Interlocked.Read(ref _lastForcedSweep);
            if (now - last >= TimeSpan.MicrosecondsPerSecond && Interlocked.CompareExchange(ref _lastForcedSweep, now, last) == last)
            {
                Sweep();
            }

            if (Interlocked.Increment(ref _count) > _maxKeys)
            {
                Interlocked.Decrement(ref _count);
                var overflow = policy.Name + OverflowSuffix;
                if (_entries.TryGetValue(overflow, out var shared))
                {
                    return shared;
                }

                LogFull(_logger, _maxKeys, policy.Name);
                // The overflow entry may exceed the bound by one per policy.
                Interlocked.Increment(ref _count);
                return AddOrCount(overflow, policy.Kind, now);
            }
        }

        return AddOrCount(key, policy.Kind, now);
    }

    private InMemoryRateLimitEntry AddOrCount(string key, RateLimitAlgorithmKind kind, long now)
    {
        var created = new InMemoryRateLimitEntry { IdleAt = now, Kind = kind };
        var entry = _entries.GetOrAdd(key, created);
        if (!ReferenceEquals(entry, created))
        {
            Interlocked.Decrement(ref _count);
        }

        return entry;
    }

    /// <inheritdoc />
    public long NowMicros() => _baseMicros + (long)((_time.GetTimestamp() - _baseTimestamp) * _microsPerTimestamp);

    private long Now() => NowMicros();

    [LoggerMessage(EventId = 7101, Level = LogLevel.Debug, Message = "Rate-limit store evicted {Removed} idle keys; {Held} held")]
    private static partial void LogEvicted(ILogger logger, int removed, int held);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Rate-limit store is full ({MaxKeys} busy keys); new keys of policy {Policy} share one overflow counter")]
    private static partial void LogFull(ILogger logger, int maxKeys, string policy);
}
