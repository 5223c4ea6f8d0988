using McpSecurity.SecurityCore.Events;

namespace McpSecurity.SecurityCore.Detection;

/// <summary>A sum of counts carried by events (coalesced rate-limit refusals) in a sliding window.</summary>
internal sealed class SumWindow
{
    private const int MaxEntries = 1024;
    private readonly Queue<(SecurityEvent Event, long Count)> _entries = new();
    private long _sum;

    /// <summary>Adds an event's count; answers the events and the sum when it reaches <paramref name="threshold"/> (the window then starts over), else null.</summary>
    public (IReadOnlyList<SecurityEvent> Events, long Sum)? Add(SecurityEvent securityEvent, long count, long threshold, TimeSpan window)
    {
        var from = securityEvent.OccurredAt - window;
        while (_entries.Count > 0 && (_entries.Peek().Event.OccurredAt <= from || _entries.Count >= MaxEntries))
        {
            _sum -= _entries.Dequeue().Count;
        }

        _entries.Enqueue((securityEvent, count));
        _sum += count;
        if (_sum < threshold)
        {
            return null;
        }

        var fired = (_entries.Select(e => e.Event).ToList(), _sum);
        _entries.Clear();
        _sum = 0;
        return fired;
    }
}
