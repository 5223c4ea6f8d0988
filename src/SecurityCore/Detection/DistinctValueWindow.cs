using McpSecurity.SecurityCore.Events;

namespace McpSecurity.SecurityCore.Detection;

/// <summary>
/// The distinct values (accounts, identifiers) one key was seen with in a sliding window, with how often and since when,
/// and a sample of the events.
/// </summary>
internal sealed class DistinctValueWindow
{
    private readonly Dictionary<string, (DateTimeOffset First, DateTimeOffset Last, long Count)> _values = new(StringComparer.Ordinal);
    private readonly Queue<SecurityEvent> _sample = new();

    /// <summary>
    /// Adds a value; when the distinct values reach <paramref name="threshold"/> answers the sample of events, the distinct
    /// values, and how many events of those values there were since when (the window then starts over), else null.
    /// </summary>
    public (IReadOnlyList<SecurityEvent> Events, int Distinct, long Count, DateTimeOffset FirstSeen)? Add(
        SecurityEvent securityEvent, string value, int threshold, TimeSpan window, int sampleSize)
    {
        var at = securityEvent.OccurredAt;
        var from = at - window;
        if (_values.Count > 0 && _values.Count + 1 >= threshold)
        {
            foreach (var stale in _values.Where(v => v.Value.Last <= from).Select(v => v.Key).ToList())
            {
                _values.Remove(stale);
            }
        }

        _values[value] = _values.TryGetValue(value, out var seen) ? (seen.First, at, seen.Count + 1) : (at, at, 1);
        while (_sample.Count > 0 && (_sample.Peek().OccurredAt <= from || _sample.Count >= sampleSize))
        {
            _sample.Dequeue();
        }

        _sample.Enqueue(securityEvent);
        if (_values.Count < threshold)
        {
            // Bounded: never more values than the threshold needs, the oldest goes first.
            return null;
        }

        var fired = (_sample.ToList(), _values.Count, _values.Values.Sum(v => v.Count), _values.Values.Min(v => v.First));
        _values.Clear();
        _sample.Clear();
        return fired;
    }
}
