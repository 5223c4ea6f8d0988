using McpSecurity.SecurityCore.Storage;
using McpSecurity.SecurityCore.Tokens;
using Microsoft.Extensions.Options;

namespace McpSecurity.Server.Hosting;

/// <summary>Runs first-run initialisation when the host starts, before the MCP transports, and logs what the server is.</summary>
internal sealed partial class FirstRunHostedService(
    FirstRunInitializer initializer,
    ServerLaunchSettings settings,
    IOptions<StorageOptions> storage,
    IOptions<TokenOptions> tokens,
    ILogger<FirstRunHostedService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!initializer.Completed)
        {
            await initializer.RunAsync(cancellationToken);
        }

        LogStarted(logger, ServerVersion.Value, settings.Mode, storage.Value.DataDirectory, tokens.Value.Issuer, tokens.Value.Audience, tokens.Value.Algorithm);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information,
        Message = "MCP security server {Version} ({Mode}): data directory {DataDirectory}, issuer {Issuer}, audience {Audience}, algorithm {Algorithm}")]
    private static partial void LogStarted(ILogger logger, string version, ServerMode mode, string dataDirectory, string issuer, string audience, string algorithm);
}
