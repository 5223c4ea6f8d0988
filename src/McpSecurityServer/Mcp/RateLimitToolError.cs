namespace McpSecurity.Server.Mcp;

/// <summary>The error payload of a rate-limited tool call: <c>{"error": {"code", "message", "policy", "retry_after"}}</c>.</summary>
/// <param name="Error">The error.</param>
internal sealed record RateLimitToolError(RateLimitToolErrorBody Error);
