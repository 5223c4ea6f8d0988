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
}
