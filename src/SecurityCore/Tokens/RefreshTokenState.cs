namespace McpSecurity.SecurityCore.Tokens;

/// <summary>What a presented refresh token turned out to be.</summary>
internal enum RefreshTokenState
{
    /// <summary>Not a refresh token of this server (wrong shape or no stored hash).</summary>
    Unknown,
    /// <summary>Unredeemed, unrevoked, unexpired.</summary>
    Active,
    /// <summary>Already redeemed: presenting it again is reuse.</summary>
    Redeemed,
    /// <summary>Revoked (its family, session or subject was revoked).</summary>
    Revoked,
    /// <summary>Past its own expiry or its session's end.</summary>
    Expired,
}
