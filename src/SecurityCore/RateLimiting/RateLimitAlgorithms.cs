namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>The algorithms a rate-limit policy may use (<c>RateLimiting:Policies:&lt;name&gt;:Algorithm</c>).</summary>
public static class RateLimitAlgorithms
{
    /// <summary>Generic cell rate algorithm (the algorithm of redis-cell): a token bucket with a burst and a steady rate, no background refill.</summary>
    public const string Gcra = "gcra";
    /// <summary>Sliding window counter: the previous window's count weighted by its overlap, plus the current window's.</summary>
    public const string SlidingWindow = "sliding_window";
    /// <summary>Fixed window quota: at most <c>Limit</c> per epoch-aligned window of <c>Period</c>.</summary>
    public const string FixedWindow = "fixed_window";

    /// <summary>Gets every algorithm name.</summary>
    public static IReadOnlyList<string> All { get; } = [Gcra, SlidingWindow, FixedWindow];
}
