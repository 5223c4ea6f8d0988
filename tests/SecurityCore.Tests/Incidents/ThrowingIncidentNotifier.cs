using McpSecurity.SecurityCore.Incidents;

namespace McpSecurity.Tests.SecurityCore.Incidents;

/// <summary>A notifier whose receiver is down: every call throws.</summary>
internal sealed class ThrowingIncidentNotifier : IIncidentNotifier
{
    public int Calls { get; private set; }

    public Task NotifyAsync(IncidentChange change, CancellationToken cancellationToken = default)
    {
        Calls++;
        throw new HttpRequestException("receiver down");
    }
}
