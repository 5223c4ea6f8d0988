namespace McpSecurity.SecurityCore.Storage;

/// <summary>Audit signing keys in the <c>audit_keys</c> collection; private material arrives already encrypted.</summary>
internal sealed class LiteDbAuditKeyRepository(LiteDbStore store) : IAuditKeyRepository
{
    /// <inheritdoc />
    public IReadOnlyList<StoredAuditKey> GetAll() =>
        [.. store.Collection<StoredAuditKey>(LiteDbCollections.AuditKeys).FindAll().OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal)];

    /// <inheritdoc />
    public bool Insert(StoredAuditKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var keys = store.Collection<StoredAuditKey>(LiteDbCollections.AuditKeys);
        if (keys.FindById(key.KeyId) is not null)
        {
            return false;
        }

        keys.Insert(key);
        return true;
    }
}
