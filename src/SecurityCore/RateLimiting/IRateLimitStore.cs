namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>Holds the counters: in memory (one instance) or in Redis (shared by every instance).</summary>
internal interface IRateLimitStore
{
    /// <summary>Returns the store's idea of now, in Unix microseconds (every check of one request uses one reading).</summary>
    long NowMicros();

    /// <summary>Counts <paramref name="cost"/> against <paramref name="key"/> of <paramref name="policy"/> at <paramref name="nowMicros"/> (Unix microseconds).</summary>
    ValueTask<RateLimitOutcome> AcquireAsync(RateLimitPolicy policy, string key, long nowMicros, int cost, bool dryRun, CancellationToken cancellationToken);
}
