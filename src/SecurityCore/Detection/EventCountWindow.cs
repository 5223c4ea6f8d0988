using McpSecurity.SecurityCore.Events;

namespace McpSecurity.SecurityCore.Detection;

/// <summary>The events of one key in a sliding window, keeping at most as many as the threshold (enough to decide it).</summary>
internal sealed class EventCountWindow
{
    private readonly Queue<SecurityEvent> _events = new();

    /// <summary>Adds an event and answers the window's events when they reach <paramref name="threshold"/> (the window then starts over), else null.</summary>
    public IReadOnlyList<SecurityEvent>? Add(SecurityEvent securityEvent, int threshold, TimeSpan window)
    {
        var from = securityEvent.OccurredAt - window;
        while (_events.Count > 0 && (_events.Peek().OccurredAt <= from || _events.Count >= threshold))
        {
            _events.Dequeue();
        }

        _events.Enqueue(securityEvent);
        if (_events.Count < threshold)
        {
            return null;
        }

        var fired = _events.ToList();
        _events.Clear();
        return fired;
    }
}
