namespace McpSecurity.SecurityCore.Tokens;

/// <summary>An access token that was just issued.</summary>
/// <param name="Token">The compact JWS. Secret: never log it.</param>
/// <param name="TokenId">The <c>jti</c>.</param>
/// <param name="KeyId">The <c>kid</c> that signed it.</param>
/// <param name="IssuedAt">The <c>iat</c>.</param>
/// <param name="ExpiresAt">The <c>exp</c>.</param>
public sealed record IssuedAccessToken(string Token, string TokenId, string KeyId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
