namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>Security figures counted from the recorded events of a window (see <see cref="ISecurityMetricsCalculator"/> for each rule).</summary>
public sealed record SecurityEventCounts
{
    /// <summary>Gets the start of the window (inclusive).</summary>
    public required DateTimeOffset WindowStart { get; init; }
    /// <summary>Gets the end of the window (exclusive).</summary>
    public required DateTimeOffset WindowEnd { get; init; }
    /// <summary>Gets every recorded event of the window.</summary>
    public long TotalSecurityEvents { get; init; }
    /// <summary>Gets the high-risk events: refresh-token reuse, lockouts, forged-looking tokens, gate refusals, critical or high incidents.</summary>
    public long HighRiskEvents { get; init; }
    /// <summary>Gets the requests refused by rate limits (the counts of the coalesced <c>rate_limit_exceeded</c> events).</summary>
    public long RateLimitViolations { get; init; }
    /// <summary>Gets the suspicious activities: refused permissions, forged-looking tokens, refresh-token reuse, bad webhook signatures.</summary>
    public long SuspiciousActivities { get; init; }
    /// <summary>Gets the refused requests: permission refusals and attempts on a locked account.</summary>
    public long BlockedRequests { get; init; }
    /// <summary>Gets the incidents opened.</summary>
    public long SecurityIncidents { get; init; }
    /// <summary>Gets the successful authentications (logins, client credentials, Clerk exchanges).</summary>
    public long AuthenticationSuccesses { get; init; }
    /// <summary>Gets the failed authentications (logins, client credentials, Clerk exchanges, second-factor codes).</summary>
    public long AuthenticationFailures { get; init; }
    /// <summary>Gets the encryption operations: events whose details the trail encrypted at rest, and second factors enrolled (secret encrypted).</summary>
    public long EncryptionOperations { get; init; }
    /// <summary>Gets the events about <see cref="Target"/> (all events when no target was given).</summary>
    public long TargetEvents { get; init; }
    /// <summary>Gets the target counted in <see cref="TargetEvents"/>, if any.</summary>
    public string? Target { get; init; }
    /// <summary>Gets whether the window held more events than one read returns (the figures then undercount).</summary>
    public bool Truncated { get; init; }
}
