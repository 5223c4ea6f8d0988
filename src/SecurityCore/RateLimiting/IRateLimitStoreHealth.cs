namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>Tells readiness probes and metrics whether the rate-limit store is healthy.</summary>
public interface IRateLimitStoreHealth
{
    /// <summary>Gets the store kind: <c>memory</c> or <c>redis</c>.</summary>
    string StoreKind { get; }

    /// <summary>Gets whether the shared store is unreachable, so policies fail closed or fall back to local limiters.</summary>
    bool IsDegraded { get; }

    /// <summary>Gets since when the store has been degraded.</summary>
    DateTimeOffset? DegradedSince { get; }

    /// <summary>Gets the last failure's kind (an exception type name, never a secret), while degraded.</summary>
    string? LastError { get; }
}
