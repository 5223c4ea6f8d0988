using McpSecurity.SecurityCore.RateLimiting;

namespace McpSecurity.Server.Http;

/// <summary>Computes a caller's own standing per policy (dry run), for <c>get_rate_limit_status</c>.</summary>
internal static class RateLimitStanding
{
    public static async Task<RateLimitStatusOutput> ForAsync(IRateLimiter limiter, Caller caller, string? address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(limiter);
        ArgumentNullException.ThrowIfNull(caller);
        var entries = new List<RateLimitCheckOutput>();
        foreach (var policy in limiter.Policies)
        {
            if (KeyFor(policy, caller, address) is not { } key)
            {
                continue;
            }

            var decision = await limiter.CheckKeyAsync(policy.Name, key, consume: false, cancellationToken: cancellationToken);
            entries.Add(RateLimitCheckOutput.From(decision));
        }

        return new RateLimitStatusOutput(entries);
    }

    /// <summary>Builds the key of the caller in <paramref name="policy"/>; null when a part (tool, endpoint, role) is not the caller's alone.</summary>
    private static string? KeyFor(RateLimitPolicy policy, Caller caller, string? address)
    {
        var parts = new string[policy.KeyBy.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            string? part = policy.KeyBy[i] switch
            {
                // A login policy's user key is the username typed at login, not the caller's id: not shown here.
                RateLimitKeyParts.User when policy.Category == RateLimitCategories.Login => null,
                RateLimitKeyParts.User or RateLimitKeyParts.Principal => caller.Subject,
                RateLimitKeyParts.Client => caller.ClientId is { Length: > 0 } client ? client : null,
                RateLimitKeyParts.Address => System.Net.IPAddress.TryParse(address, out _) ? address : null,
                _ => null,
            };
            if (string.IsNullOrEmpty(part))
            {
                return null;
            }

            parts[i] = part;
        }

        return string.Join('|', parts);
    }
}
