using System.Collections.Frozen;
using McpSecurity.SecurityCore.Identity;

namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>The policies in force, compiled from validated options; replaced as a whole on reload.</summary>
internal sealed class RateLimitPolicySet
{
    /// <summary>The <c>BypassRoles</c> entry that means "nobody bypasses" (configuration cannot hold an empty list).</summary>
    public const string NoBypass = "none";

    private RateLimitPolicySet(bool enabled, IReadOnlyList<RateLimitPolicy> policies, RateLimitingOptions options)
    {
        Enabled = enabled;
        Policies = policies;
        ByName = policies.ToFrozenDictionary(p => p.Name, StringComparer.Ordinal);
        Options = options;
    }

    /// <summary>Gets whether limiting is on.</summary>
    public bool Enabled { get; }

    /// <summary>Gets the policies in a stable order (by name).</summary>
    public IReadOnlyList<RateLimitPolicy> Policies { get; }

    /// <summary>Gets the policies by name.</summary>
    public FrozenDictionary<string, RateLimitPolicy> ByName { get; }

    /// <summary>Gets the options the set was compiled from.</summary>
    public RateLimitingOptions Options { get; }

    /// <summary>Compiles already validated options (built-in policies first, overlaid by configured ones).</summary>
    public static RateLimitPolicySet Compile(RateLimitingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var merged = options.EffectivePolicies();
        var policies = merged
            .Where(p => p.Value.Policy.Enabled ?? true)
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => ToPolicy(p.Key, p.Value.Policy, p.Value.BuiltIn, options))
            .ToArray();
        return new RateLimitPolicySet(options.Enabled, policies, options);
    }

    /// <summary>Builds one policy from validated options.</summary>
    public static RateLimitPolicy ToPolicy(string name, RateLimitPolicyOptions policy, bool builtIn, RateLimitingOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(defaults);
        var algorithm = policy.Algorithm ?? RateLimitAlgorithms.Gcra;
        var category = policy.Category ?? RateLimitCategories.General;
        var isProtected = RateLimitCategories.IsProtected(category);
        return new RateLimitPolicy
        {
            Name = name,
            Algorithm = algorithm,
            Limit = policy.Limit ?? 0,
            Period = policy.Period ?? TimeSpan.Zero,
            Burst = string.Equals(algorithm, RateLimitAlgorithms.Gcra, StringComparison.Ordinal) ? policy.Burst ?? policy.Limit ?? 0 : policy.Limit ?? 0,
            KeyBy = policy.KeyBy ?? [],
            Endpoints = policy.Endpoints ?? [],
            Tools = policy.Tools ?? [],
            Roles = policy.Roles ?? [],
            BypassRoles = isProtected ? [] : policy.BypassRoles is { } bypass ? bypass.Where(r => !string.Equals(r, NoBypass, StringComparison.Ordinal)).ToArray() : [Roles.Admin],
            Category = category,
            FailureMode = policy.FailureMode ?? (isProtected ? RateLimitFailureModes.Closed : RateLimitFailureModes.Open),
            Ipv4PrefixLength = policy.Ipv4PrefixLength ?? defaults.Ipv4PrefixLength,
            Ipv6PrefixLength = policy.Ipv6PrefixLength ?? defaults.Ipv6PrefixLength,
            BuiltIn = builtIn,
        }.Prepared();
    }
}
