namespace McpSecurity.SecurityCore.Storage;

/// <summary>Persists refresh tokens by hash, with atomic single-use redemption.</summary>
public interface IRefreshTokenRepository
{
    /// <summary>Stores a new refresh token.</summary>
    void Insert(StoredRefreshToken token);
    /// <summary>Finds a token by its hash.</summary>
    StoredRefreshToken? FindByHash(string tokenHash);
    /// <summary>
    /// Atomically marks the token redeemed at <paramref name="redeemedAt"/> and inserts <paramref name="successor"/>,
    /// only if the token is still unredeemed and unrevoked. Returns false when another redemption won.
    /// </summary>
    bool TryRedeem(string tokenHash, DateTimeOffset redeemedAt, StoredRefreshToken successor);
    /// <summary>Marks every token of a family revoked; returns how many were changed.</summary>
    int RevokeFamily(string familyId, DateTimeOffset revokedAt);
    /// <summary>Marks every token of a subject revoked; returns how many were changed.</summary>
    int RevokeSubject(string subject, DateTimeOffset revokedAt);
    /// <summary>Deletes tokens whose session ended before <paramref name="before"/>; returns how many.</summary>
    int DeleteExpired(DateTimeOffset before);
}
