using System.Collections.Concurrent;
using McpSecurity.SecurityCore.Events;

namespace McpSecurity.Tests.Handoff.Infrastructure;

/// <summary>Records every event in order.</summary>
internal sealed class RecordingSecurityEventSink : ISecurityEventSink
{
    private readonly ConcurrentQueue<SecurityEvent> _events = new();

    public IReadOnlyList<SecurityEvent> Events => [.. _events];

    public ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
    {
        _events.Enqueue(securityEvent);
        return ValueTask.CompletedTask;
    }
}
