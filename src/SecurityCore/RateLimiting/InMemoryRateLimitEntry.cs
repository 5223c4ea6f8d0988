namespace McpSecurity.SecurityCore.RateLimiting;

/// <summary>The state of one key in memory. The fields mean what the algorithm in <see cref="RateLimitMath"/> makes them mean.</summary>
/// <remarks>
/// GCRA entries are counted without the lock: one compare-and-swap on <see cref="A"/>, which the sweep also swaps to
/// <see cref="RemovedMarker"/> when it evicts the entry, so a count and an eviction can never both succeed. The window
/// algorithms take <see cref="Gate"/>.
/// </remarks>
internal sealed class InMemoryRateLimitEntry
{
    /// <summary>The value of <see cref="A"/> once the entry has left the table (no real time or window index is this small).</summary>
    public const long RemovedMarker = long.MinValue;

    /// <summary>Guards the fields (the window algorithms and the sweep; GCRA counts by compare-and-swap on <see cref="A"/>).</summary>
    public readonly Lock Gate = new();

    /// <summary>GCRA: theoretical arrival time; windows: the window index.</summary>
    public long A;

    /// <summary>Windows: the current window's count.</summary>
    public long B;

    /// <summary>Sliding window: the previous window's count.</summary>
    public long C;

    /// <summary>
    /// When the key is back to its full allowance (Unix microseconds): from then on it may be evicted. For a GCRA entry
    /// this is the creation time, and the theoretical arrival time <see cref="A"/> (never later than the allowance's
    /// return) is compared as well.
    /// </summary>
    public long IdleAt;

    /// <summary>Gets or sets the algorithm the entry is counted by (fixed at creation; a reload that changes it takes the lock path once).</summary>
    public RateLimitAlgorithmKind Kind;

    /// <summary>Set once the entry has left the table; a caller holding it looks it up again.</summary>
    public bool Removed;
}
