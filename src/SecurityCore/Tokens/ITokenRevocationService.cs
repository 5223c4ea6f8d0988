namespace McpSecurity.SecurityCore.Tokens;

/// <summary>The revocation denylist: persisted, O(1) in-memory lookups, expired entries swept.</summary>
public interface ITokenRevocationService
{
    /// <summary>Revokes one access token by <c>jti</c> until <paramref name="expiresAt"/>.</summary>
    void RevokeAccessToken(string tokenId, DateTimeOffset expiresAt, string? actor = null);
    /// <summary>Revokes a session: its refresh token family and every access token carrying its <c>sid</c>.</summary>
    void RevokeSession(string sessionId, string? actor = null);
    /// <summary>Revokes every token of a subject issued up to now.</summary>
    void RevokeSubject(string subject, string? actor = null);
    /// <summary>Revokes every token signed by a key.</summary>
    void RevokeSigningKey(string keyId, string? actor = null);
    /// <summary>Gets whether a validated token is revoked (by jti, session, subject or key).</summary>
    bool IsRevoked(ValidatedToken token);
    /// <summary>Removes entries that can no longer refuse anything; returns how many.</summary>
    int SweepExpired();
}
