namespace McpSecurity.Server.Mcp;

/// <summary>Options of the MCP Streamable HTTP endpoint (configuration section <c>Mcp</c>).</summary>
internal sealed class McpEndpointOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Mcp";

    /// <summary>Gets or sets the <c>Host</c> values <c>/mcp</c> accepts (<c>name</c> for any port, or <c>name:port</c>).</summary>
    /// <remarks>Empty (default): the loopback names <c>localhost</c>, <c>127.0.0.1</c> and <c>[::1]</c> with the listening ports.</remarks>
    public string[] AllowedHosts { get; set; } = [];

    /// <summary>Gets or sets the browser origins <c>/mcp</c> accepts (for example <c>http://localhost:5080</c>).</summary>
    /// <remarks>Empty (default): an origin is accepted when its host and port are an allowed host. No <c>Origin</c> header is always accepted.</remarks>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Gets or sets the scope an access token needs for <c>/mcp</c>; empty for none. Defaults to <c>mcp</c>.</summary>
    public string RequiredScope { get; set; } = "mcp";
}
