namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Facts about the request behind a grant, for security events.</summary>
/// <param name="Address">The caller's remote address.</param>
/// <param name="RequestId">The request id.</param>
public sealed record TokenRequestContext(string? Address = null, string? RequestId = null);
