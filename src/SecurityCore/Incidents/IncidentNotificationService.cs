using Microsoft.Extensions.Hosting;

namespace McpSecurity.SecurityCore.Incidents;

/// <summary>The pump of <see cref="IncidentNotificationDispatcher"/>: runs for the life of the host.</summary>
internal sealed class IncidentNotificationService(IncidentNotificationDispatcher dispatcher) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => dispatcher.RunAsync(stoppingToken);
}
