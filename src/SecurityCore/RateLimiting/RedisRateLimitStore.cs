using System.Globalization;
using McpSecurity.SecurityCore.Distributed;
using McpSecurity.SecurityCore.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>
/// The shared store: one atomic Lua script per check (EVALSHA, loaded again on NOSCRIPT), one round trip, keys with TTLs
/// and a hash tag (<c>{policy|key}</c>) so the keys of one counter share a Redis Cluster slot. While Redis is unreachable
/// each policy fails closed or falls back to a local limiter (its <c>FailureMode</c>), and the store reports itself degraded
/// until a check succeeds again or the client reports the connection back (it reconnects by itself). A lost connection
/// makes the store degraded too, so an instance without traffic shows an outage in <c>/readyz</c>, metrics and alerts,
/// and stops showing it when Redis returns.
/// </summary>
internal sealed partial class RedisRateLimitStore : IRateLimitStore, IRateLimitStoreHealth, IDisposable
{
    private static readonly byte[] GcraSha = RedisRateLimitScripts.Sha1Of(RedisRateLimitScripts.Gcra);
    private static readonly byte[] FixedSha = RedisRateLimitScripts.Sha1Of(RedisRateLimitScripts.FixedWindow);
    private static readonly byte[] SlidingSha = RedisRateLimitScripts.Sha1Of(RedisRateLimitScripts.SlidingWindow);
    private readonly RedisConnection _connection;
    private readonly InMemoryRateLimitStore _fallback;
    private readonly IOptionsMonitor<RateLimitingOptions> _options;
    private readonly ISecurityEventSink _events;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _prefix;
    private readonly Lock _stateGate = new();
    private DateTimeOffset? _degradedSince;
    private string? _lastError;

    public RedisRateLimitStore(
        RedisConnection connection,
        IOptionsMonitor<RateLimitingOptions> options,
        ISecurityEventSink events,
        TimeProvider time,
        ILogger<RedisRateLimitStore> logger)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);
        _connection = connection;
        _options = options;
        _events = events;
        _time = time;
        _logger = logger;
        _prefix = connection.KeyPrefix + ":rl:";
        var settings = options.CurrentValue;
        _fallback = new InMemoryRateLimitStore(settings.MaxKeys, settings.EvictionInterval, time, logger);
        connection.CommandConnectionChanged += OnConnectionChanged;
        if (connection.IsDisconnected)
        {
            OnConnectionChanged(nameof(ConnectionFailureType.UnableToConnect));
        }
    }

    /// <inheritdoc />
    public string StoreKind => "redis";

    /// <inheritdoc />
    public bool IsDegraded => Volatile.Read(ref _lastError) is not null;

    /// <inheritdoc />
    public DateTimeOffset? DegradedSince
    {
        get
        {
            lock (_stateGate)
            {
                return _degradedSince;
            }
        }
    }

    /// <inheritdoc />
    public string? LastError => Volatile.Read(ref _lastError);

    /// <summary>Gets the local limiter used by fail-open policies while Redis is unreachable.</summary>
    internal InMemoryRateLimitStore Fallback => _fallback;

    /// <inheritdoc />
    /// <remarks>The wall clock: instances share the counters, so they must share the time line (keep clocks NTP-synchronised).</remarks>
    public long NowMicros() => (_time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    /// <summary>Returns the Redis key (with its hash tag) of a counter.</summary>
    public string BaseKey(string key) => _prefix + "{" + key + "}";

    /// <inheritdoc />
    public async ValueTask<RateLimitOutcome> AcquireAsync(RateLimitPolicy policy, string key, long nowMicros, int cost, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(key);
        RedisResult result;
        try
        {
            result = await EvaluateAsync(policy, key, nowMicros, cost, dryRun).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            await MarkDegradedAsync(ex.GetType().Name, ex.Message).ConfigureAwait(false);
            if (policy.FailsOpen)
            {
                var local = _fallback.Acquire(policy, key, nowMicros, cost, dryRun);
                return local with { State = RateLimitStoreState.Fallback };
            }

            var wait = _options.CurrentValue.FailClosedRetryAfter.Ticks / TimeSpan.TicksPerMicrosecond;
            return new RateLimitOutcome(false, 0, wait, wait, RateLimitStoreState.Unavailable);
        }

        if (Volatile.Read(ref _lastError) is not null)
        {
            await MarkRecoveredAsync().ConfigureAwait(false);
        }

        var values = (RedisResult[])result!;
        return new RateLimitOutcome((long)values[0] == 1, (int)(long)values[1], (long)values[2], (long)values[3]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _connection.CommandConnectionChanged -= OnConnectionChanged;
        _fallback.Dispose();
    }

    private void OnConnectionChanged(string? failure)
    {
        // Raised on the client's own thread, in order: the state changes here, the security event is published off it.
        var report = failure is null ? Recover() : Degrade(failure, "the connection that carries commands was lost");
        if (report is not null)
        {
            _ = Task.Run(report);
        }
    }

    private async Task<RedisResult> EvaluateAsync(RateLimitPolicy policy, string key, long now, int cost, bool dryRun)
    {
        var database = await _connection.GetDatabaseAsync().ConfigureAwait(false);
        var baseKey = BaseKey(key);
        var dry = dryRun ? "1" : "0";
        switch (policy.Kind)
        {
            case RateLimitAlgorithmKind.FixedWindow:
            {
                var period = policy.PeriodMicros;
                var window = now / period;
                RedisKey[] keys = [baseKey + ":" + window.ToString(CultureInfo.InvariantCulture)];
                RedisValue[] args = [now, period, policy.Limit, cost, dry, window];
                return await EvaluateAsync(database, FixedSha, RedisRateLimitScripts.FixedWindow, keys, args).ConfigureAwait(false);
            }

            case RateLimitAlgorithmKind.SlidingWindow:
            {
                var period = policy.PeriodMicros;
                var window = now / period;
                RedisKey[] keys = [baseKey + ":" + window.ToString(CultureInfo.InvariantCulture), baseKey + ":" + (window - 1).ToString(CultureInfo.InvariantCulture)];
                RedisValue[] args = [now, period, policy.Limit, cost, dry, window];
                return await EvaluateAsync(database, SlidingSha, RedisRateLimitScripts.SlidingWindow, keys, args).ConfigureAwait(false);
            }

            default:
            {
                RedisKey[] keys = [baseKey];
                RedisValue[] args = [now, policy.EmissionIntervalMicros, policy.Burst, cost, dry];
                return await EvaluateAsync(database, GcraSha, RedisRateLimitScripts.Gcra, keys, args).ConfigureAwait(false);
            }
        }
    }

    private static async Task<RedisResult> EvaluateAsync(IDatabase database, byte[] sha, string script, RedisKey[] keys, RedisValue[] args)
    {
        try
        {
            return await database.ScriptEvaluateAsync(sha, keys, args).ConfigureAwait(false);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            // The server lost its script cache (restart, SCRIPT FLUSH, failover): EVAL runs the check once and caches the script again.
            return await database.ScriptEvaluateAsync(script, keys, args).ConfigureAwait(false);
        }
    }

    private async ValueTask MarkDegradedAsync(string errorKind, string reason)
    {
        if (Degrade(errorKind, reason) is { } report)
        {
            await report().ConfigureAwait(false);
        }
    }

    private async ValueTask MarkRecoveredAsync()
    {
        if (Recover() is { } report)
        {
            await report().ConfigureAwait(false);
        }
    }

    /// <summary>Enters the degraded state; returns the security event to publish when this was the transition.</summary>
    private Func<Task>? Degrade(string errorKind, string reason)
    {
        var now = _time.GetUtcNow();
        lock (_stateGate)
        {
            Volatile.Write(ref _lastError, errorKind);
            if (_degradedSince is not null)
            {
                return null;
            }

            _degradedSince = now;
        }

        LogDegraded(_logger, errorKind, reason);
        return () => PublishAsync(SecurityEventTypes.RateLimitStoreDegraded, SecurityEventOutcomes.Failure, errorKind).AsTask();
    }

    /// <summary>Leaves the degraded state; returns the security event to publish when this was the transition.</summary>
    private Func<Task>? Recover()
    {
        DateTimeOffset start;
        lock (_stateGate)
        {
            if (_degradedSince is not { } since)
            {
                return null;
            }

            start = since;
            _degradedSince = null;
            Volatile.Write(ref _lastError, null);
        }

        var outage = _time.GetUtcNow() - start;
        LogRecovered(_logger, outage);
        return () => PublishAsync(SecurityEventTypes.RateLimitStoreRecovered, SecurityEventOutcomes.Success, null, outage).AsTask();
    }

    private async ValueTask PublishAsync(string type, string outcome, string? reason, TimeSpan? outage = null)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal) { ["store"] = StoreKind };
        if (outage is { } duration)
        {
            details["outage_seconds"] = duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        }

        try
        {
            await _events.PublishAsync(new SecurityEvent
            {
                Type = type,
                OccurredAt = _time.GetUtcNow(),
                Outcome = outcome,
                ReasonCode = reason is null ? null : SecurityErrorCodes.RateLimitStoreUnavailable,
                Target = "rate_limit_store",
                Details = details,
            }).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The event is a report; limiting must go on whatever the event store does.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogEventFailed(_logger, type, ex);
        }
    }

    [LoggerMessage(EventId = 7211, Level = LogLevel.Warning, Message = "Rate-limit store degraded: Redis failed ({ErrorType}: {Reason}); policies now fail closed or fall back to local limiters")]
    private static partial void LogDegraded(ILogger logger, string errorType, string reason);

    [LoggerMessage(EventId = 7212, Level = LogLevel.Information, Message = "Rate-limit store recovered: Redis answers again after {Outage}")]
    private static partial void LogRecovered(ILogger logger, TimeSpan outage);

    [LoggerMessage(EventId = 7213, Level = LogLevel.Warning, Message = "Could not publish the {EventType} security event")]
    private static partial void LogEventFailed(ILogger logger, string eventType, Exception exception);
}
