using McpSecurity.SecurityCore.RateLimiting;

namespace McpSecurity.Tests.SecurityCore.RateLimiting;

/// <summary>Builds policies for store tests.</summary>
internal static class RateLimitTestPolicies
{
    public static RateLimitPolicy Create(string algorithm, int limit, TimeSpan period, int? burst = null, string failureMode = RateLimitFailureModes.Open, string name = "p") =>
        RateLimitPolicySet.ToPolicy(
            name,
            new RateLimitPolicyOptions { Algorithm = algorithm, Limit = limit, Period = period, Burst = burst, KeyBy = [RateLimitKeyParts.User], FailureMode = failureMode },
            builtIn: false,
            new RateLimitingOptions());
}
