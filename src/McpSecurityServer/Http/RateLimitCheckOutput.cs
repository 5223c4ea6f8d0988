using McpSecurity.SecurityCore.RateLimiting;

namespace McpSecurity.Server.Http;

/// <summary>One policy's standing for one key (times in whole seconds, rounded up).</summary>
/// <param name="Policy">The policy name.</param>
/// <param name="Key">The key counted (never a secret).</param>
/// <param name="Allowed">Whether a request would be (or was) admitted.</param>
/// <param name="Limit">The limit per period.</param>
/// <param name="Remaining">Requests left now.</param>
/// <param name="ResetAfter">Seconds until the key is back to its full allowance.</param>
/// <param name="RetryAfter">Seconds to wait before a refused request may succeed (0 when allowed).</param>
/// <param name="State">Where the answer came from: store, fallback, unavailable or bypassed.</param>
internal sealed record RateLimitCheckOutput(string Policy, string Key, bool Allowed, int Limit, int Remaining, long ResetAfter, long RetryAfter, string State)
{
    public static RateLimitCheckOutput From(RateLimitDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return new RateLimitCheckOutput(decision.Policy.Name, decision.Key, decision.Allowed, decision.Limit, Math.Max(0, decision.Remaining),
            RateLimitHeaders.Seconds(decision.ResetAfter), RateLimitHeaders.Seconds(decision.RetryAfter), decision.State.ToString().ToLowerInvariant());
    }
}
