using McpSecurity.SecurityCore;

namespace McpSecurity.Server.Mcp;

/// <summary>Authenticates the stdio session once at start, so that wrong credentials show in the log right away.</summary>
internal sealed partial class StdioSessionStartup(StdioCredentials credentials, IStdioCallerSource callers, ILogger<StdioSessionStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!credentials.IsConfigured)
        {
            LogAnonymous(logger, StdioCredentials.ClientIdVariable, StdioCredentials.ClientSecretVariable);
            return;
        }

        try
        {
            _ = await callers.GetCallerAsync(cancellationToken);
        }
        catch (SecurityException)
        {
            // Already logged by the session; tools answer the refusal on every call.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information,
        Message = "stdio session has no client credentials ({ClientIdVariable}, {ClientSecretVariable}); only issue_token works")]
    private static partial void LogAnonymous(ILogger logger, string clientIdVariable, string clientSecretVariable);
}
