namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>Checks requests against every rate-limit policy that covers them.</summary>
public interface IRateLimiter
{
    /// <summary>Gets the policies in force (they change when the configuration is reloaded).</summary>
    IReadOnlyList<RateLimitPolicy> Policies { get; }

    /// <summary>Counts a request against every policy that covers it; the strictest decides and all are reported.</summary>
    ValueTask<RateLimitResult> CheckAsync(RateLimitRequest request, CancellationToken cancellationToken = default);

    /// <summary>Checks one key of one policy directly (<paramref name="consume"/> false: dry run).</summary>
    /// <exception cref="SecurityException"><c>NOT_FOUND</c> for an unknown policy, <c>VALIDATION_FAILED</c> for a bad key or cost.</exception>
    ValueTask<RateLimitDecision> CheckKeyAsync(string policyName, string key, bool consume, int cost = 1, CancellationToken cancellationToken = default);
}
