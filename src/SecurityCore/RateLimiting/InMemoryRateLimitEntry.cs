namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>The state of one key in memory. The fields mean what the algorithm in <see cref="RateLimitMath"/> makes them mean.</summary>
internal sealed class InMemoryRateLimitEntry
{
    /// <summary>Guards the fields.</summary>
    public readonly Lock Gate = new();

    /// <summary>GCRA: theoretical arrival time; windows: the window index.</summary>
    public long A;

    /// <summary>Windows: the current window's count.</summary>
    public long B;

    /// <summary>Sliding window: the previous window's count.</summary>
    public long C;

    /// <summary>When the key is back to its full allowance (Unix microseconds): from then on it may be evicted.</summary>
    public long IdleAt;

    /// <summary>Set once the entry has left the table; a caller holding it looks it up again.</summary>
    public bool Removed;
}
