namespace McpSecurity.SecurityCore.Detection;

/// <summary>Per-key window state in bounded memory: at most <c>capacity</c> keys; when full, idle keys go first, then the least recently seen.</summary>
/// <typeparam name="TState">The state of one key.</typeparam>
internal sealed class KeyedWindows<TState>(int capacity, Func<TState> create)
    where TState : class
{
    private readonly Dictionary<string, (TState State, DateTimeOffset Touched)> _entries = new(StringComparer.Ordinal);

    /// <summary>Gets how many keys are tracked.</summary>
    public int Count => _entries.Count;

    /// <summary>Gets (creating) the state of <paramref name="key"/>, touched at <paramref name="now"/>; keys idle for longer than <paramref name="window"/> are forgotten first when full.</summary>
    public TState Get(string key, DateTimeOffset now, TimeSpan window)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            _entries[key] = (entry.State, now);
            return entry.State;
        }

        if (_entries.Count >= capacity)
        {
            Evict(now, window);
        }

        var state = create();
        _entries[key] = (state, now);
        return state;
    }

    /// <summary>Forgets a key (after it fired).</summary>
    public void Remove(string key) => _entries.Remove(key);

    private void Evict(DateTimeOffset now, TimeSpan window)
    {
        foreach (var key in _entries.Where(e => now - e.Value.Touched > window).Select(e => e.Key).ToList())
        {
            _entries.Remove(key);
        }

        if (_entries.Count < capacity)
        {
            return;
        }

        // Still full of active keys (a flood of distinct keys): forget the least recently seen tenth.
        foreach (var key in _entries.OrderBy(e => e.Value.Touched).Take(Math.Max(1, capacity / 10)).Select(e => e.Key).ToList())
        {
            _entries.Remove(key);
        }
    }
}
