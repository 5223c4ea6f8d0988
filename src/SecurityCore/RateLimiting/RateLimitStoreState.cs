namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>Where a decision came from.</summary>
public enum RateLimitStoreState
{
    /// <summary>The configured store answered.</summary>
    Store,
    /// <summary>Redis was unreachable and the policy fails open: the local fallback limiter answered.</summary>
    Fallback,
    /// <summary>Redis was unreachable and the policy fails closed: the request was refused.</summary>
    Unavailable,
    /// <summary>The caller holds a bypass role: nothing was counted.</summary>
    Bypassed,
}
