namespace McpSecurity.SecurityCore.Tokens;

/// <summary>The OAuth 2.0 token response (RFC 6749 section 5.1).</summary>
/// <param name="AccessToken">The access token. Secret.</param>
/// <param name="TokenType">Always <c>Bearer</c>.</param>
/// <param name="ExpiresIn">Seconds until the access token expires.</param>
/// <param name="RefreshToken">The refresh token, when the grant yields one. Secret.</param>
/// <param name="Scope">The granted scopes, space separated.</param>
/// <param name="SessionId">The session id (not a wire field of RFC 6749; useful for revocation).</param>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string? RefreshToken, string Scope, string SessionId);
