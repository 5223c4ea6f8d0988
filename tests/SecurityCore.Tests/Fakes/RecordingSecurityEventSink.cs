using System.Collections.Concurrent;
using McpSecurity.SecurityCore.Events;

namespace McpSecurity.Tests.SecurityCore.Fakes;

/// <summary>Records every event in order.</summary>
public sealed class RecordingSecurityEventSink : ISecurityEventSink
{
    private readonly ConcurrentQueue<SecurityEvent> _events = new();
    private readonly List<(string Type, TaskCompletionSource<SecurityEvent> Completion)> _waiters = [];

    public IReadOnlyList<SecurityEvent> Events => [.. _events];

    public IReadOnlyList<SecurityEvent> OfType(string type) => _events.Where(e => e.Type == type).ToList();

    public ValueTask PublishAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default)
    {
        _events.Enqueue(securityEvent);
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.Type == securityEvent.Type).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Completion.TrySetResult(securityEvent);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Completes when the next event of <paramref name="type"/> arrives (for background services under a fake clock).</summary>
    public Task<SecurityEvent> NextAsync(string type)
    {
        var waiter = (Type: type, Completion: new TaskCompletionSource<SecurityEvent>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_waiters)
        {
            _waiters.Add(waiter);
        }

        return waiter.Completion.Task;
    }
}
