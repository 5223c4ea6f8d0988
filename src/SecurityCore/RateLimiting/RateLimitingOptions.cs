namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>The rate limiter (configuration section <c>RateLimiting</c>); reloaded without restart.</summary>
/// <remarks>
/// The built-in policies (see <see cref="DefaultRateLimitPolicies"/>) apply unless <see cref="UseDefaultPolicies"/> is false;
/// a configured policy of the same name is laid over the built-in one (the keys it sets win). A bad reload keeps the policies in force and logs why.
/// </remarks>
public sealed class RateLimitingOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "RateLimiting";

    /// <summary>Gets or sets whether requests are limited at all. Defaults to true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets whether the built-in policies apply. Defaults to true.</summary>
    public bool UseDefaultPolicies { get; set; } = true;

    /// <summary>Gets or sets the configured policies by name (1 to 64 characters of a-z, 0-9, '_', '-' and '.').</summary>
#pragma warning disable CA2227 // Bound from configuration.
    public Dictionary<string, RateLimitPolicyOptions> Policies { get; set; } = new(StringComparer.Ordinal);
#pragma warning restore CA2227

    /// <summary>Gets or sets the IPv4 prefix length addresses are grouped by. Defaults to 32 (one address).</summary>
    public int Ipv4PrefixLength { get; set; } = 32;

    /// <summary>Gets or sets the IPv6 prefix length addresses are grouped by. Defaults to 64 (one subnet, what one host usually holds).</summary>
    public int Ipv6PrefixLength { get; set; } = 64;

    /// <summary>Gets or sets how many keys the in-memory store holds at most; idle keys are evicted first. Defaults to 100,000.</summary>
    /// <remarks>When every key is busy, new keys of a policy share one overflow counter, so memory stays bounded and limits still hold.</remarks>
    public int MaxKeys { get; set; } = 100_000;

    /// <summary>Gets or sets how often the in-memory store evicts idle keys. Defaults to one minute.</summary>
    public TimeSpan EvictionInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Gets or sets the <c>Retry-After</c> of a fail-closed refusal while Redis is unreachable. Defaults to 5 seconds.</summary>
    public TimeSpan FailClosedRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Returns the policies in force by name: the built-in ones (unless switched off) overlaid by the configured ones.</summary>
    internal IReadOnlyDictionary<string, (RateLimitPolicyOptions Policy, bool BuiltIn)> EffectivePolicies()
    {
        var merged = new Dictionary<string, (RateLimitPolicyOptions, bool)>(StringComparer.Ordinal);
        if (UseDefaultPolicies)
        {
            foreach (var (name, policy) in DefaultRateLimitPolicies.All)
            {
                merged[name] = (policy, true);
            }
        }

        foreach (var (name, policy) in Policies ?? [])
        {
            merged[name] = merged.TryGetValue(name, out var builtIn) && policy is not null ? (policy.Over(builtIn.Item1), true) : (policy!, false);
        }

        return merged;
    }

    /// <summary>Gets or sets how often a bypass of one policy by one principal is audited at most (later bypasses are counted into the next event). Defaults to one minute.</summary>
    public TimeSpan BypassAuditInterval { get; set; } = TimeSpan.FromMinutes(1);
}
