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

    /// <summary>
    /// Checks one key of one policy for a caller (the <c>check_rate</c> tool and <c>POST /api/v1/ratelimit/check</c>). The keys of
    /// login, two-factor and token policies are other people's usernames and addresses: looking at them, or counting against
    /// them (which would lock their owner out of logging in), needs <c>ratelimit:configure</c> as well.
    /// </summary>
    /// <exception cref="SecurityException">As <see cref="CheckKeyAsync"/>, and <c>INSUFFICIENT_PERMISSIONS</c> (audited as <c>access_denied</c>).</exception>
    ValueTask<RateLimitDecision> CheckKeyForCallerAsync(string callerSubject, string policyName, string key, bool consume, CancellationToken cancellationToken = default);
}
