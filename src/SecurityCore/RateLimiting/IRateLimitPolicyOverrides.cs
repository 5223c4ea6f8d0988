namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>Changes policies at run time (this instance; kept over configuration reloads until restart).</summary>
public interface IRateLimitPolicyOverrides
{
    /// <summary>Overrides one policy in force; audited as <c>rate_limit_policies_changed</c> with source <c>runtime</c>.</summary>
    /// <exception cref="SecurityException"><c>NOT_FOUND</c> for an unknown policy, <c>VALIDATION_FAILED</c> naming the bad key.</exception>
    Task<RateLimitPolicy> SetOverrideAsync(string policyName, RateLimitPolicyChange change, CancellationToken cancellationToken = default);
}
