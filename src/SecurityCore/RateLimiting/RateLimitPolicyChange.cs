namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>A runtime change of one policy (null: unchanged). Validated like configuration; never changes category, keys or bypass roles.</summary>
public sealed record RateLimitPolicyChange
{
    /// <summary>Gets the new limit per period.</summary>
    public int? Limit { get; init; }

    /// <summary>Gets the new period.</summary>
    public TimeSpan? Period { get; init; }

    /// <summary>Gets the new burst (GCRA).</summary>
    public int? Burst { get; init; }

    /// <summary>Gets the new algorithm (see <see cref="RateLimitAlgorithms"/>).</summary>
    public string? Algorithm { get; init; }

    /// <summary>Gets the new failure mode (see <see cref="RateLimitFailureModes"/>).</summary>
    public string? FailureMode { get; init; }

    /// <summary>Gets whether nothing would change.</summary>
    public bool IsEmpty => Limit is null && Period is null && Burst is null && Algorithm is null && FailureMode is null;
}
