namespace McpSecurity.SecurityCore.Storage;

/// <summary>Persists user accounts.</summary>
public interface IUserRepository
{
    /// <summary>Finds a user by username (case-insensitive).</summary>
    StoredUser? FindByUsername(string username);
    /// <summary>Finds a user by id.</summary>
    StoredUser? FindById(string id);
    /// <summary>Inserts a user; returns false when the username is taken.</summary>
    bool TryInsert(StoredUser user);
    /// <summary>Replaces a user by id.</summary>
    void Update(StoredUser user);
    /// <summary>Counts users holding <paramref name="role"/>.</summary>
    int CountWithRole(string role);
}
