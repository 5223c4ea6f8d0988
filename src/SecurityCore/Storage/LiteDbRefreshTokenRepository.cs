using LiteDB;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>LiteDB refresh tokens by hash, with atomic single-use redemption.</summary>
/// <remarks>
/// Every write takes the store's refresh-token lock and runs in a LiteDB transaction. The lock is what makes "check
/// unredeemed, mark redeemed, insert successor" atomic: LiteDB transactions read from a snapshot, so without it
/// concurrent redemptions all see the token unredeemed and all win (the parallel test shows it). The data directory
/// lock guarantees a single process, so an in-process lock suffices; the transaction makes the write all-or-nothing.
/// </remarks>
internal sealed class LiteDbRefreshTokenRepository(LiteDbStore store) : IRefreshTokenRepository
{
    private Lock WriteLock => store.RefreshTokenWriteLock;

    private ILiteCollection<StoredRefreshToken> Tokens => store.Collection<StoredRefreshToken>(LiteDbCollections.RefreshTokens);

    /// <inheritdoc />
    public void Insert(StoredRefreshToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        lock (WriteLock)
        {
            Tokens.Insert(token);
        }
    }

    /// <inheritdoc />
    public StoredRefreshToken? FindByHash(string tokenHash)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        return Tokens.FindById(tokenHash);
    }

    /// <inheritdoc />
    public bool TryRedeem(string tokenHash, DateTimeOffset redeemedAt, StoredRefreshToken successor)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        ArgumentNullException.ThrowIfNull(successor);
        lock (WriteLock)
        {
            return store.InTransaction(database =>
            {
                var tokens = database.GetCollection<StoredRefreshToken>(LiteDbCollections.RefreshTokens);
                var current = tokens.FindById(tokenHash);
                if (current is null || current.RedeemedAt is not null || current.RevokedAt is not null)
                {
                    return (false, false);
                }

                current.RedeemedAt = redeemedAt;
                tokens.Update(current);
                tokens.Insert(successor);
                return (true, true);
            });
        }
    }

    /// <inheritdoc />
    public int RevokeFamily(string familyId, DateTimeOffset revokedAt)
    {
        ArgumentNullException.ThrowIfNull(familyId);
        return RevokeWhere(BsonExpression.Create("$.family_id = @0", new BsonValue(familyId)), revokedAt);
    }

    /// <inheritdoc />
    public int RevokeSubject(string subject, DateTimeOffset revokedAt)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return RevokeWhere(BsonExpression.Create("$.subject = @0", new BsonValue(subject)), revokedAt);
    }

    /// <inheritdoc />
    public int DeleteExpired(DateTimeOffset before)
    {
        lock (WriteLock)
        {
            return Tokens.DeleteMany(BsonExpression.Create("$.session_expires_at < @0", LiteDbMapping.ToBson(before)));
        }
    }

    private int RevokeWhere(BsonExpression predicate, DateTimeOffset revokedAt)
    {
        lock (WriteLock)
        {
            return store.InTransaction(database =>
            {
                var tokens = database.GetCollection<StoredRefreshToken>(LiteDbCollections.RefreshTokens);
                var changed = 0;
                foreach (var token in tokens.Find(predicate).ToList())
                {
                    if (token.RevokedAt is null)
                    {
                        token.RevokedAt = revokedAt;
                        tokens.Update(token);
                        changed++;
                    }
                }

                return (changed, true);
            });
        }
    }
}
