using McpSecurity.Server.Http;

namespace McpSecurity.Server.Mcp;

/// <summary>The stdio caller source of <c>serve</c> mode, where no call arrives over stdio: never a caller.</summary>
internal sealed class NoStdioCallerSource : IStdioCallerSource
{
    public ValueTask<Caller?> GetCallerAsync(CancellationToken cancellationToken) => ValueTask.FromResult<Caller?>(null);
}
