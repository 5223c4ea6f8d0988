namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>One policy's answer to one request.</summary>
public sealed record RateLimitDecision
{
    /// <summary>Gets the policy that decided.</summary>
    public required RateLimitPolicy Policy { get; init; }

    /// <summary>Gets the key counted (grouped address, user id, ...; never a secret).</summary>
    public required string Key { get; init; }

    /// <summary>Gets whether the policy admits the request.</summary>
    public required bool Allowed { get; init; }

    /// <summary>Gets the policy's limit per period.</summary>
    public int Limit => Policy.Limit;

    /// <summary>Gets how many more requests the policy admits now.</summary>
    public required int Remaining { get; init; }

    /// <summary>Gets how long until the key is back to its full allowance.</summary>
    public required TimeSpan ResetAfter { get; init; }

    /// <summary>Gets how long to wait before a refused request may succeed (zero when allowed).</summary>
    public required TimeSpan RetryAfter { get; init; }

    /// <summary>Gets where the decision came from.</summary>
    public RateLimitStoreState State { get; init; } = RateLimitStoreState.Store;
}
