namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>
/// Changes policies at run time, kept over configuration reloads. With Redis configured the overrides are shared: every
/// instance applies them, and an instance that starts later loads them; without Redis they hold on this instance until restart.
/// </summary>
public interface IRateLimitPolicyOverrides
{
    /// <summary>Overrides one policy in force; audited as <c>rate_limit_policies_changed</c> with source <c>runtime</c>.</summary>
    /// <exception cref="SecurityException"><c>NOT_FOUND</c> for an unknown policy, <c>VALIDATION_FAILED</c> naming the bad key,
    /// <c>RATE_LIMIT_STORE_UNAVAILABLE</c> when Redis is configured but cannot be reached (nothing changes anywhere).</exception>
    Task<RateLimitPolicy> SetOverrideAsync(string policyName, RateLimitPolicyChange change, CancellationToken cancellationToken = default);

    /// <summary>Removes the runtime override of one policy (the configured policy applies again); harmless when there is none. Audited.</summary>
    /// <exception cref="SecurityException"><c>NOT_FOUND</c> for an unknown policy, <c>RATE_LIMIT_STORE_UNAVAILABLE</c> as above.</exception>
    Task<RateLimitPolicy> RemoveOverrideAsync(string policyName, CancellationToken cancellationToken = default);
}
