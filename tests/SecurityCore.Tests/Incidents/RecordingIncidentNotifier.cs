using System.Collections.Concurrent;
using McpSecurity.SecurityCore.Incidents;

namespace McpSecurity.Tests.SecurityCore.Incidents;

/// <summary>Records every change it is told, in order.</summary>
internal sealed class RecordingIncidentNotifier : IIncidentNotifier
{
    private readonly ConcurrentQueue<IncidentChange> _changes = new();

    public IReadOnlyList<IncidentChange> Changes => [.. _changes];

    public Task NotifyAsync(IncidentChange change, CancellationToken cancellationToken = default)
    {
        _changes.Enqueue(change);
        return Task.CompletedTask;
    }
}
