using Microsoft.Extensions.Hosting;

namespace McpSecurity.SecurityCore.Events;

/// <summary>The pump of <see cref="SecurityEventDispatcher"/>: runs for the life of the host.</summary>
internal sealed class SecurityEventDispatchService(SecurityEventDispatcher dispatcher) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => dispatcher.RunAsync(stoppingToken);
}
