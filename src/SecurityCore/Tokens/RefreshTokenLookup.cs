using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.SecurityCore.Tokens;

/// <summary>A presented refresh token's state and, when known, its stored record.</summary>
internal readonly record struct RefreshTokenLookup(RefreshTokenState State, StoredRefreshToken? Stored);
