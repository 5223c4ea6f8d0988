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
    /// <summary>Counts users holding <paramref name="role"/> whose status is <paramref name="status"/>.</summary>
    int CountWithRoleAndStatus(string role, string status);
    /// <summary>Sets only the roles (and the change time) of a user; false when the user does not exist.</summary>
    /// <remarks>A field update: it cannot undo a concurrent change of another field.</remarks>
    bool UpdateRoles(string id, string[] roles, DateTimeOffset updatedAt);
    /// <summary>Sets only the failed-login counter and the lockout end of a user; false when the user does not exist.</summary>
    bool UpdateLockout(string id, int failedLoginCount, DateTimeOffset? lockedUntil);
    /// <summary>Lists users matching <paramref name="filter"/> ordered by username, after <paramref name="afterUsername"/> (keyset paging).</summary>
    IReadOnlyList<StoredUser> List(UserListFilter filter, string? afterUsername, int limit);
    /// <summary>Counts users matching <paramref name="filter"/>.</summary>
    int Count(UserListFilter filter);
    /// <summary>Sets only the display name and e-mail (and the change time); false when the user does not exist.</summary>
    bool UpdateProfile(string id, string? displayName, string? email, DateTimeOffset updatedAt);
    /// <summary>Sets only the status and deletion time (and the change time); false when the user does not exist.</summary>
    bool UpdateStatus(string id, string status, DateTimeOffset? deletedAt, DateTimeOffset updatedAt);
    /// <summary>Sets only the password hash and the forced-change flag (and the change time); false when the user does not exist.</summary>
    bool UpdatePassword(string id, string passwordHash, bool mustChangePassword, DateTimeOffset updatedAt);
}
