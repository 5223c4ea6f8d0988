using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Fakes;

/// <summary>An in-memory refresh token store; <see cref="TryRedeem"/> is atomic under one lock.</summary>
public sealed class InMemoryRefreshTokenRepository : IRefreshTokenRepository
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredRefreshToken> _tokens = new(StringComparer.Ordinal);

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _tokens.Count;
            }
        }
    }

    public void Insert(StoredRefreshToken token)
    {
        lock (_gate)
        {
            _tokens.Add(token.TokenHash, Copy(token));
        }
    }

    public StoredRefreshToken? FindByHash(string tokenHash)
    {
        lock (_gate)
        {
            return _tokens.TryGetValue(tokenHash, out var token) ? Copy(token) : null;
        }
    }

    public bool TryRedeem(string tokenHash, DateTimeOffset redeemedAt, StoredRefreshToken successor)
    {
        lock (_gate)
        {
            if (!_tokens.TryGetValue(tokenHash, out var token) || token.RedeemedAt is not null || token.RevokedAt is not null)
            {
                return false;
            }

            token.RedeemedAt = redeemedAt;
            _tokens.Add(successor.TokenHash, Copy(successor));
            return true;
        }
    }

    public int RevokeFamily(string familyId, DateTimeOffset revokedAt) => Revoke(t => t.FamilyId == familyId, revokedAt);

    public int RevokeSubject(string subject, DateTimeOffset revokedAt) => Revoke(t => t.Subject == subject, revokedAt);

    public int DeleteExpired(DateTimeOffset before)
    {
        lock (_gate)
        {
            var expired = _tokens.Values.Where(t => t.SessionExpiresAt < before || t.ExpiresAt < before).Select(t => t.TokenHash).ToList();
            foreach (var hash in expired)
            {
                _tokens.Remove(hash);
            }

            return expired.Count;
        }
    }

    private int Revoke(Func<StoredRefreshToken, bool> match, DateTimeOffset revokedAt)
    {
        lock (_gate)
        {
            var changed = 0;
            foreach (var token in _tokens.Values)
            {
                if (match(token) && token.RevokedAt is null)
                {
                    token.RevokedAt = revokedAt;
                    changed++;
                }
            }

            return changed;
        }
    }

    private static StoredRefreshToken Copy(StoredRefreshToken t) => new()
    {
        TokenHash = t.TokenHash,
        FamilyId = t.FamilyId,
        ParentHash = t.ParentHash,
        Subject = t.Subject,
        ClientId = t.ClientId,
        Scope = t.Scope,
        Roles = [.. t.Roles],
        AuthenticationMethods = [.. t.AuthenticationMethods],
        AuthTime = t.AuthTime,
        IssuedAt = t.IssuedAt,
        ExpiresAt = t.ExpiresAt,
        SessionExpiresAt = t.SessionExpiresAt,
        RedeemedAt = t.RedeemedAt,
        RevokedAt = t.RevokedAt,
    };
}
