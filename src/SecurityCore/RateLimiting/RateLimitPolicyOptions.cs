namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>One configured rate-limit policy (<c>RateLimiting:Policies:&lt;name&gt;</c>).</summary>
public sealed class RateLimitPolicyOptions
{
    /// <summary>Gets or sets the algorithm (see <see cref="RateLimitAlgorithms"/>). Defaults to <c>gcra</c>.</summary>
    public string? Algorithm { get; set; }

    /// <summary>Gets or sets how many requests are allowed per <see cref="Period"/>.</summary>
    public int? Limit { get; set; }

    /// <summary>Gets or sets the period <see cref="Limit"/> refers to (GCRA: the steady rate is <c>Limit / Period</c>).</summary>
    public TimeSpan? Period { get; set; }

    /// <summary>Gets or sets (GCRA only) how many requests may arrive at once after a quiet spell. Defaults to <see cref="Limit"/>.</summary>
    public int? Burst { get; set; }

    /// <summary>Gets or sets what the counters are keyed by (see <see cref="RateLimitKeyParts"/>); several parts combine into one key.</summary>
#pragma warning disable CA1819, CA2227 // Bound from configuration.
    public string[]? KeyBy { get; set; }

    /// <summary>Gets or sets the endpoints (paths; a trailing <c>*</c> matches a prefix) the policy covers.</summary>
    /// <remarks>With neither <see cref="Endpoints"/> nor <see cref="Tools"/> the policy covers every request.</remarks>
    public string[]? Endpoints { get; set; }

    /// <summary>Gets or sets the MCP tools (names, or <c>*</c> for all) the policy covers.</summary>
    public string[]? Tools { get; set; }

    /// <summary>Gets or sets the roles the policy is limited to (empty: every caller).</summary>
    public string[]? Roles { get; set; }

    /// <summary>Gets or sets the roles that bypass the policy (audited). Defaults to <c>admin</c>; <c>none</c> for nobody; refused for login, two-factor and token policies.</summary>
    public string[]? BypassRoles { get; set; }
#pragma warning restore CA1819, CA2227

    /// <summary>Gets or sets what the policy protects (see <see cref="RateLimitCategories"/>). Defaults to <c>general</c>.</summary>
    public string? Category { get; set; }

    /// <summary>Gets or sets the behaviour while Redis is unreachable (see <see cref="RateLimitFailureModes"/>).</summary>
    /// <remarks>Defaults to <c>closed</c> for login, two-factor and token policies and <c>open</c> (local fallback) for the rest.</remarks>
    public string? FailureMode { get; set; }

    /// <summary>Gets or sets the IPv4 prefix length addresses are grouped by. Defaults to <c>RateLimiting:Ipv4PrefixLength</c>.</summary>
    public int? Ipv4PrefixLength { get; set; }

    /// <summary>Gets or sets the IPv6 prefix length addresses are grouped by. Defaults to <c>RateLimiting:Ipv6PrefixLength</c>.</summary>
    public int? Ipv6PrefixLength { get; set; }

    /// <summary>Gets or sets whether the policy is switched on. Defaults to true (set false to switch off a built-in policy).</summary>
    public bool? Enabled { get; set; }

    /// <summary>Returns this policy laid over <paramref name="baseline"/>: every key set here wins, the rest comes from the baseline.</summary>
    internal RateLimitPolicyOptions Over(RateLimitPolicyOptions baseline) => new()
    {
        Algorithm = Algorithm ?? baseline.Algorithm,
        Limit = Limit ?? baseline.Limit,
        Period = Period ?? baseline.Period,
        // A burst belongs to its algorithm: kept when the algorithm stays the same, however it is spelled (unset means gcra).
        Burst = Burst ?? (Algorithm is null || SameAlgorithm(Algorithm, baseline.Algorithm) ? baseline.Burst : null),
        KeyBy = KeyBy ?? baseline.KeyBy,
        Endpoints = Endpoints ?? baseline.Endpoints,
        Tools = Tools ?? baseline.Tools,
        Roles = Roles ?? baseline.Roles,
        BypassRoles = BypassRoles ?? baseline.BypassRoles,
        Category = Category ?? baseline.Category,
        FailureMode = FailureMode ?? baseline.FailureMode,
        Ipv4PrefixLength = Ipv4PrefixLength ?? baseline.Ipv4PrefixLength,
        Ipv6PrefixLength = Ipv6PrefixLength ?? baseline.Ipv6PrefixLength,
        Enabled = Enabled ?? baseline.Enabled,
    };

    private static bool SameAlgorithm(string? a, string? b) =>
        string.Equals(a ?? RateLimitAlgorithms.Gcra, b ?? RateLimitAlgorithms.Gcra, StringComparison.OrdinalIgnoreCase);
}
