namespace McpSecurity.Server.Mcp;

/// <summary>The error payload of a failed tool call: <c>{"error": {"code", "message"}}</c>.</summary>
/// <param name="Error">The error.</param>
internal sealed record ToolError(ToolErrorBody Error);
