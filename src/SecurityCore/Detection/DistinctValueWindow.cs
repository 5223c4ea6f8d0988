using McpSecurity.SecurityCore.Events;

namespace McpSecurity.SecurityCore.Detection;

/// <summary>The distinct values (accounts, identifiers) one key was seen with in a sliding window, and a sample of the events.</summary>
internal sealed class DistinctValueWindow
{
    private readonly Dictionary<string, DateTimeOffset> _lastSeen = new(StringComparer.Ordinal);
    private readonly Queue<SecurityEvent> _sample = new();

    /// <summary>Adds a value; answers the sample of events when the distinct values reach <paramref name="threshold"/> (the window then starts over), else null.</summary>
    public (IReadOnlyList<SecurityEvent> Events, int Distinct)? Add(SecurityEvent securityEvent, string value, int threshold, TimeSpan window, int sampleSize)
    {
        var from = securityEvent.OccurredAt - window;
        if (_lastSeen.Count > 0 && _lastSeen.Count + 1 >= threshold)
        {
            foreach (var stale in _lastSeen.Where(v => v.Value <= from).Select(v => v.Key).ToList())
            {
                _lastSeen.Remove(stale);
            }
        }

        _lastSeen[value] = securityEvent.OccurredAt;
        while (_sample.Count > 0 && (_sample.Peek().OccurredAt <= from || _sample.Count >= sampleSize))
        {
            _sample.Dequeue();
        }

        _sample.Enqueue(securityEvent);
        if (_lastSeen.Count < threshold)
        {
            // Bounded: never more values than the threshold needs, the oldest goes first.
            return null;
        }

        var fired = (_sample.ToList(), _lastSeen.Count);
        _lastSeen.Clear();
        _sample.Clear();
        return fired;
    }
}
