namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>The limiter's answer to one request: every policy that applied, and the strictest, which decides.</summary>
public sealed record RateLimitResult
{
    /// <summary>An answer for a request no policy covers.</summary>
    public static RateLimitResult Unlimited { get; } = new() { Decisions = [] };

    /// <summary>Gets whether the request is admitted (no policy refused it).</summary>
    public bool Allowed => Decisive is not { Allowed: false };

    /// <summary>Gets the strictest decision: the refusal with the longest wait, else the one with the fewest requests left; null when no policy counted.</summary>
    public RateLimitDecision? Decisive { get; init; }

    /// <summary>Gets every policy's decision, in policy order (bypassed policies included).</summary>
    public required IReadOnlyList<RateLimitDecision> Decisions { get; init; }
}
