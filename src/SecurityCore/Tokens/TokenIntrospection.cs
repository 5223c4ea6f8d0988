namespace McpSecurity.SecurityCore.Tokens;

/// <summary>An RFC 7662 introspection result.</summary>
/// <param name="Active">Whether the token is active.</param>
/// <param name="Token">The claims when active.</param>
/// <param name="TokenType"><c>access_token</c> or <c>refresh_token</c> when active.</param>
/// <param name="ErrorCode">Why it is inactive (for the MCP tool; not sent by <c>/oauth/introspect</c>).</param>
public sealed record TokenIntrospection(bool Active, ValidatedToken? Token, string? TokenType, string? ErrorCode);
