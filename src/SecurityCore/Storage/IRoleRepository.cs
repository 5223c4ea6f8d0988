namespace McpSecurity.SecurityCore.Storage;

/// <summary>Persists custom roles (the built-in ones come from configuration).</summary>
public interface IRoleRepository
{
    /// <summary>Finds a custom role by name (exact).</summary>
    StoredRole? Find(string name);
    /// <summary>Inserts a custom role; returns false when the name is taken.</summary>
    bool TryInsert(StoredRole role);
    /// <summary>Lists every custom role, ordered by name.</summary>
    IReadOnlyList<StoredRole> GetAll();
}
