namespace McpSecurity.Server.Mcp;

/// <summary>The code and message of a failed tool call.</summary>
/// <param name="Code">The stable error code.</param>
/// <param name="Message">A human message.</param>
internal sealed record ToolErrorBody(string Code, string Message);
