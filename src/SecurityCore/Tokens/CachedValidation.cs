namespace McpSecurity.SecurityCore.Tokens;

/// <summary>A cached successful validation and the instant after which it must not be served.</summary>
internal sealed record CachedValidation(TokenValidationResult Result, DateTimeOffset ValidUntil);
