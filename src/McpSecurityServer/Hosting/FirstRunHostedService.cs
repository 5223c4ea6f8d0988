namespace McpSecurity.Server.Hosting;

/// <summary>Runs first-run initialisation when the host starts, before the MCP transports.</summary>
internal sealed class FirstRunHostedService(FirstRunInitializer initializer) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => initializer.RunAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
