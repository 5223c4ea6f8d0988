namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>A validated rate-limit policy as the limiter applies it.</summary>
public sealed record RateLimitPolicy
{
    /// <summary>Gets the policy name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the algorithm (see <see cref="RateLimitAlgorithms"/>).</summary>
    public required string Algorithm { get; init; }

    /// <summary>Gets how many requests are allowed per <see cref="Period"/>.</summary>
    public required int Limit { get; init; }

    /// <summary>Gets the period <see cref="Limit"/> refers to.</summary>
    public required TimeSpan Period { get; init; }

    /// <summary>Gets how many requests may arrive at once (GCRA; equals <see cref="Limit"/> for the window algorithms).</summary>
    public required int Burst { get; init; }

    /// <summary>Gets the key parts (see <see cref="RateLimitKeyParts"/>).</summary>
    public required IReadOnlyList<string> KeyBy { get; init; }

    /// <summary>Gets the endpoint patterns covered.</summary>
    public IReadOnlyList<string> Endpoints { get; init; } = [];

    /// <summary>Gets the MCP tools covered (<c>*</c>: all).</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];

    /// <summary>Gets the roles the policy is limited to (empty: everyone).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    /// <summary>Gets the roles that bypass the policy (always empty for protected categories).</summary>
    public IReadOnlyList<string> BypassRoles { get; init; } = [];

    /// <summary>Gets the category (see <see cref="RateLimitCategories"/>).</summary>
    public required string Category { get; init; }

    /// <summary>Gets the failure mode (see <see cref="RateLimitFailureModes"/>).</summary>
    public required string FailureMode { get; init; }

    /// <summary>Gets the IPv4 grouping prefix length.</summary>
    public int Ipv4PrefixLength { get; init; } = 32;

    /// <summary>Gets the IPv6 grouping prefix length.</summary>
    public int Ipv6PrefixLength { get; init; } = 64;

    /// <summary>Gets whether the policy is built in (not configured).</summary>
    public bool BuiltIn { get; init; }

    /// <summary>Gets the period in microseconds (computed once: the hot path divides nothing).</summary>
    internal long PeriodMicros { get; private init; }

    /// <summary>Gets the GCRA emission interval (time per request) in microseconds.</summary>
    internal long EmissionIntervalMicros { get; private init; }

    /// <summary>Gets the algorithm as a number, so the hot path compares no strings.</summary>
    internal RateLimitAlgorithmKind Kind { get; private init; }

    /// <summary>Gets the key's fixed text before each part's value (<c>name|p=</c>, then <c>|c=</c>, ...), so a key is one concatenation.</summary>
    internal IReadOnlyList<string> KeySegments { get; private init; } = [];

    /// <summary>Returns the policy with its derived timings computed.</summary>
    internal RateLimitPolicy Prepared()
    {
        var period = Period.Ticks / TimeSpan.TicksPerMicrosecond;
        return this with
        {
            KeySegments = KeyBy.Select((part, i) => (i == 0 ? Name : string.Empty) + "|" + part[0] + "=").ToArray(),
            PeriodMicros = period,
            EmissionIntervalMicros = Math.Max(1, period / Math.Max(1, Limit)),
            Kind = Algorithm switch
            {
                RateLimitAlgorithms.FixedWindow => RateLimitAlgorithmKind.FixedWindow,
                RateLimitAlgorithms.SlidingWindow => RateLimitAlgorithmKind.SlidingWindow,
                _ => RateLimitAlgorithmKind.Gcra,
            },
        };
    }

    /// <summary>Gets whether the policy fails open (with the local fallback).</summary>
    internal bool FailsOpen => string.Equals(FailureMode, RateLimitFailureModes.Open, StringComparison.Ordinal);

    /// <summary>Returns whether the policy covers a request (endpoint, tool and role filters; the key parts are checked when the key is built).</summary>
    internal bool Covers(RateLimitRequest request)
    {
        if (Endpoints.Count > 0 || Tools.Count > 0)
        {
            var matched = (request.Endpoint is { } endpoint && MatchesAny(Endpoints, endpoint))
                || (request.Tool is { } tool && MatchesAny(Tools, tool));
            if (!matched)
            {
                return false;
            }
        }

        return Roles.Count == 0 || FirstHeldRole(request) is not null;
    }

    /// <summary>Returns the first of the policy's <see cref="Roles"/> the caller holds, else the caller's first role.</summary>
    internal string? FirstHeldRole(RateLimitRequest request)
    {
        if (Roles.Count == 0)
        {
            return request.Roles.Count > 0 ? request.Roles[0] : null;
        }

        foreach (var role in Roles)
        {
            if (Contains(request.Roles, role))
            {
                return role;
            }
        }

        return null;
    }

    /// <summary>Returns the bypass role the caller holds, if any.</summary>
    internal string? BypassRoleHeld(RateLimitRequest request)
    {
        if (RateLimitCategories.IsProtected(Category))
        {
            return null;
        }

        foreach (var role in BypassRoles)
        {
            if (Contains(request.Roles, role))
            {
                return role;
            }
        }

        return null;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesAny(IReadOnlyList<string> patterns, string value)
    {
        // Routing takes "/oauth/token/" for "/oauth/token": a trailing slash must not step around an exact pattern.
        value = value.Length > 1 ? value.TrimEnd('/') : value;
        for (var i = 0; i < patterns.Count; i++)
        {
            var pattern = patterns[i];
            if (pattern.EndsWith('*')
                ? value.StartsWith(pattern.AsSpan(0, pattern.Length - 1), StringComparison.OrdinalIgnoreCase)
                : string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
