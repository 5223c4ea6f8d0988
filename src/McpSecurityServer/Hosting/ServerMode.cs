namespace McpSecurity.Server.Hosting;

/// <summary>How the process runs.</summary>
internal enum ServerMode
{
    /// <summary>HTTP listener only (REST, OAuth, MCP Streamable HTTP).</summary>
    Serve,
    /// <summary>MCP over stdio plus the HTTP listener (tolerating a taken port).</summary>
    Stdio,
    /// <summary>MCP over stdio only.</summary>
    StdioWithoutHttp,
    /// <summary>A one-shot administrative verb: services only, nothing listens.</summary>
    Admin,
}
