using McpSecurity.SecurityCore.RateLimiting;

namespace McpSecurity.Server.Http;

/// <summary>A policy in force, as <c>GET /api/v1/ratelimit/policies</c> shows it.</summary>
internal sealed record RateLimitPolicyOutput(
    string Name, string Algorithm, int Limit, long PeriodSeconds, int Burst, IReadOnlyList<string> KeyBy, IReadOnlyList<string> Endpoints,
    IReadOnlyList<string> Tools, IReadOnlyList<string> Roles, IReadOnlyList<string> BypassRoles, string Category, string FailureMode, bool BuiltIn)
{
    public static RateLimitPolicyOutput From(RateLimitPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new RateLimitPolicyOutput(policy.Name, policy.Algorithm, policy.Limit, RateLimitHeaders.Seconds(policy.Period), policy.Burst,
            policy.KeyBy, policy.Endpoints, policy.Tools, policy.Roles, policy.BypassRoles, policy.Category, policy.FailureMode, policy.BuiltIn);
    }
}
