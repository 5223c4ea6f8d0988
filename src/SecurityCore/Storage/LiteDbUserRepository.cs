using LiteDB;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>LiteDB user accounts; usernames are stored lower-case under a unique index.</summary>
internal sealed class LiteDbUserRepository(LiteDbStore store) : IUserRepository
{
    private ILiteCollection<StoredUser> Users => store.Collection<StoredUser>(LiteDbCollections.Users);

    /// <inheritdoc />
    public StoredUser? FindByUsername(string username)
    {
        ArgumentNullException.ThrowIfNull(username);
        var normalized = username.ToLowerInvariant();
        return Users.FindOne(BsonExpression.Create("$.username = @0", new BsonValue(normalized)));
    }

    /// <inheritdoc />
    public StoredUser? FindById(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return Users.FindById(id);
    }

    /// <inheritdoc />
    public StoredUser? FindByExternalId(string provider, string externalId)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(externalId);
        return Users.FindOne(BsonExpression.Create("$.external.subject = @0 AND $.external.provider = @1", new BsonValue(externalId), new BsonValue(provider)));
    }

    /// <inheritdoc />
    public bool TryInsert(StoredUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.Username = user.Username.ToLowerInvariant();
        try
        {
            Users.Insert(user);
            return true;
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public void Update(StoredUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.Username = user.Username.ToLowerInvariant();
        try
        {
            if (!Users.Update(user))
            {
                throw new SecurityException(SecurityErrorCodes.NotFound, "The user does not exist.");
            }
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            throw new SecurityException(SecurityErrorCodes.Conflict, "The username is taken.");
        }
    }

    /// <inheritdoc />
    public int CountWithRole(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        return Users.Count(BsonExpression.Create("$.roles[*] ANY = @0", new BsonValue(role)));
    }

    /// <inheritdoc />
    public int CountWithRoleAndStatus(string role, string status)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(status);
        return Users.Count(BsonExpression.Create("$.roles[*] ANY = @0 AND $.status = @1", new BsonValue(role), new BsonValue(status)));
    }

    /// <inheritdoc />
    public bool UpdateRoles(string id, string[] roles, DateTimeOffset updatedAt)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(roles);
        // UpdateMany extends the stored document with these fields only (one atomic write in LiteDB).
        var changes = BsonExpression.Create("{ roles: @0, updated_at: @1 }",
            new BsonArray(roles.Select(r => new BsonValue(r))), LiteDbMapping.ToBson(updatedAt));
        return Users.UpdateMany(changes, BsonExpression.Create("_id = @0", new BsonValue(id))) == 1;
    }

    /// <inheritdoc />
    public bool UpdateLockout(string id, int failedLoginCount, DateTimeOffset? lockedUntil)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfNegative(failedLoginCount);
        var changes = BsonExpression.Create("{ failed_login_count: @0, locked_until: @1 }",
            new BsonValue(failedLoginCount), lockedUntil is { } until ? LiteDbMapping.ToBson(until) : BsonValue.Null);
        return Users.UpdateMany(changes, BsonExpression.Create("_id = @0", new BsonValue(id))) == 1;
    }
}
