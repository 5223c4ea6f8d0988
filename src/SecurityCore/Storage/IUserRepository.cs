namespace McpSecurity.SecurityCore.Storage;

/// <summary>Persists user accounts.</summary>
public interface IUserRepository
{
    /// <summary>Finds a user by username (case-insensitive).</summary>
    StoredUser? FindByUsername(string username);
    /// <summary>Finds a user by id.</summary>
    StoredUser? FindById(string id);
    /// <summary>Finds the user linked to an external identity provider account (exact, case-sensitive provider and id).</summary>
    StoredUser? FindByExternalId(string provider, string externalId);
    /// <summary>Inserts a user; returns false when the username is taken.</summary>
    bool TryInsert(StoredUser user);
    /// <summary>Replaces a user by id.</summary>
    void Update(StoredUser user);
    /// <summary>Counts users holding <paramref name="role"/>.</summary>
    int CountWithRole(string role);
}
