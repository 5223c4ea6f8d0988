using McpSecurity.Server.Http;

namespace McpSecurity.Server.Mcp;

/// <summary>Supplies the principal of MCP calls that arrive over stdio (no HTTP request behind them).</summary>
internal interface IStdioCallerSource
{
    /// <summary>Gets the caller, or null when no credentials are configured.</summary>
    ValueTask<Caller?> GetCallerAsync(CancellationToken cancellationToken);
}
