namespace McpSecurity.SecurityCore.Tokens;

/// <summary>Which claims a payload carried (to refuse duplicates and find missing required ones).</summary>
[Flags]
internal enum ClaimFlags
{
    None = 0,
    Issuer = 1 << 0,
    Subject = 1 << 1,
    Audience = 1 << 2,
    ExpiresAt = 1 << 3,
    NotBefore = 1 << 4,
    IssuedAt = 1 << 5,
    TokenId = 1 << 6,
    ClientId = 1 << 7,
    Scope = 1 << 8,
    Roles = 1 << 9,
    SessionId = 1 << 10,
    AuthenticationMethods = 1 << 11,
    AuthTime = 1 << 12,
    Required = Issuer | Subject | Audience | ExpiresAt | IssuedAt | TokenId | ClientId | SessionId,
}
