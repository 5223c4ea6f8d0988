using LiteDB;

namespace McpSecurity.SecurityCore.Storage;

/// <summary>LiteDB signing key ring; private material arrives already encrypted with the master key.</summary>
internal sealed class LiteDbSigningKeyRepository(LiteDbStore store) : ISigningKeyRepository
{
    private ILiteCollection<StoredSigningKey> Keys => store.Collection<StoredSigningKey>(LiteDbCollections.SigningKeys);

    /// <inheritdoc />
    public IReadOnlyList<StoredSigningKey> GetAll() => [.. Keys.FindAll().OrderBy(k => k.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal)];

    /// <inheritdoc />
    public void Upsert(StoredSigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Keys.Upsert(key);
    }

    /// <inheritdoc />
    public void Delete(string keyId)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        Keys.Delete(keyId);
    }
}
