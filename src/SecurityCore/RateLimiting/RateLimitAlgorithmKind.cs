namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>The algorithm of a policy as a number (see <see cref="RateLimitAlgorithms"/> for the names).</summary>
internal enum RateLimitAlgorithmKind
{
    /// <summary>GCRA.</summary>
    Gcra,
    /// <summary>Sliding window counter.</summary>
    SlidingWindow,
    /// <summary>Fixed window quota.</summary>
    FixedWindow,
}
