namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>How a policy behaves while its shared store (Redis) cannot be reached.</summary>
public static class RateLimitFailureModes
{
    /// <summary>Refuse every request the policy covers until the store answers again.</summary>
    public const string Closed = "closed";
    /// <summary>Keep limiting with a local, per-instance limiter (each instance then admits up to the limit on its own).</summary>
    public const string Open = "open";

    /// <summary>Gets every failure mode.</summary>
    public static IReadOnlyList<string> All { get; } = [Closed, Open];
}
