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

    /// <inheritdoc />
    public IReadOnlyList<StoredUser> List(UserListFilter filter, string? afterUsername, int limit)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var (text, parameters) = Predicate(filter);
        if (afterUsername is not null)
        {
            text += $" AND $.username > @{parameters.Count}";
            parameters.Add(new BsonValue(afterUsername));
        }

        return Users.Query()
            .Where(BsonExpression.Create(text, [.. parameters]))
            .OrderBy(x => x.Username)
            .Limit(limit)
            .ToList();
    }

    /// <inheritdoc />
    public int Count(UserListFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var (text, parameters) = Predicate(filter);
        return Users.Count(BsonExpression.Create(text, [.. parameters]));
    }

    /// <inheritdoc />
    public bool UpdateProfile(string id, string? displayName, string? email, DateTimeOffset updatedAt)
    {
        ArgumentNullException.ThrowIfNull(id);
        var changes = BsonExpression.Create("{ display_name: @0, email: @1, updated_at: @2 }",
            displayName is null ? BsonValue.Null : new BsonValue(displayName), email is null ? BsonValue.Null : new BsonValue(email), LiteDbMapping.ToBson(updatedAt));
        return Users.UpdateMany(changes, BsonExpression.Create("_id = @0", new BsonValue(id))) == 1;
    }

    /// <inheritdoc />
    public bool UpdateStatus(string id, string status, DateTimeOffset? deletedAt, DateTimeOffset updatedAt)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(status);
        var changes = BsonExpression.Create("{ status: @0, deleted_at: @1, updated_at: @2 }",
            new BsonValue(status), deletedAt is { } at ? LiteDbMapping.ToBson(at) : BsonValue.Null, LiteDbMapping.ToBson(updatedAt));
        return Users.UpdateMany(changes, BsonExpression.Create("_id = @0", new BsonValue(id))) == 1;
    }

    /// <inheritdoc />
    public bool UpdatePassword(string id, string passwordHash, bool mustChangePassword, DateTimeOffset updatedAt)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(passwordHash);
        var changes = BsonExpression.Create("{ password_hash: @0, must_change_password: @1, updated_at: @2 }",
            new BsonValue(passwordHash), new BsonValue(mustChangePassword), LiteDbMapping.ToBson(updatedAt));
        return Users.UpdateMany(changes, BsonExpression.Create("_id = @0", new BsonValue(id))) == 1;
    }

    private static (string Text, List<BsonValue> Parameters) Predicate(UserListFilter filter)
    {
        var parameters = new List<BsonValue>();
        var text = "$.deleted_at = null";
        string Next(BsonValue value)
        {
            parameters.Add(value);
            return "@" + (parameters.Count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        switch (filter.Status)
        {
            case null:
                break;
            case "locked":
                text += $" AND $.status = 'active' AND $.locked_until > {Next(LiteDbMapping.ToBson(filter.Now))}";
                break;
            case "active":
                text += $" AND $.status = 'active' AND ($.locked_until = null OR $.locked_until <= {Next(LiteDbMapping.ToBson(filter.Now))})";
                break;
            default:
                text += $" AND $.status = {Next(new BsonValue(filter.Status))}";
                break;
        }

        if (filter.Role is not null)
        {
            text += $" AND $.roles[*] ANY = {Next(new BsonValue(filter.Role))}";
        }

        if (filter.Search is not null)
        {
            var like = Next(new BsonValue("%" + filter.Search + "%"));
            text += $" AND ($.username LIKE {like} OR LOWER($.email) LIKE {like} OR LOWER($.display_name) LIKE {like})";
        }

        return (text, parameters);
    }
}
