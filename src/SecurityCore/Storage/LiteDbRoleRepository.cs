using LiteDB;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>LiteDB custom roles keyed by name (case-sensitive; role names are lower-case by rule).</summary>
internal sealed class LiteDbRoleRepository(LiteDbStore store) : IRoleRepository
{
    private ILiteCollection<StoredRole> Roles => store.Collection<StoredRole>(LiteDbCollections.Roles);

    /// <inheritdoc />
    public StoredRole? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Roles.FindById(name);
    }

    /// <inheritdoc />
    public bool TryInsert(StoredRole role)
    {
        ArgumentNullException.ThrowIfNull(role);
        try
        {
            Roles.Insert(role);
            return true;
        }
        catch (LiteException ex) when (ex.ErrorCode == LiteException.INDEX_DUPLICATE_KEY)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredRole> GetAll() => [.. Roles.FindAll().OrderBy(r => r.Name, StringComparer.Ordinal)];
}
