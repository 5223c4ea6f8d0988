using McpSecurity.SecurityCore.RateLimiting;

namespace McpSecurity.Tests.Server.Monitoring;

/// <summary>A rate-limit store that says Redis is down.</summary>
internal sealed class DegradedStoreHealth : IRateLimitStoreHealth
{
    public string StoreKind => "redis";

    public bool IsDegraded => true;

    public DateTimeOffset? DegradedSince => DateTimeOffset.UnixEpoch;

    public string? LastError => "RedisConnectionException";
}
