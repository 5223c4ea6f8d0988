using System.Collections.Concurrent;
using McpSecurity.SecurityCore.Events;

namespace McpSecurity.Tests.SecurityCore.Fakes;

/// <summary>Records every event in order.</summary>
public sealed class RecordingSecurityEventSink : ISecurityEventSink
{
    private readonly ConcurrentQueue<SecurityEvent> _events = new();

    public IReadOnlyList<SecurityEvent> Events => [.. _events];

    public IReadOnlyList<SecurityEvent> OfType(string type) => _events.Where(e => e.Type == type).ToList();

    public ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
    {
        _events.Enqueue(securityEvent);
        return ValueTask.CompletedTask;
    }
}
