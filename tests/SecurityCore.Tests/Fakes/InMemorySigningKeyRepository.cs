using McpSecurity.SecurityCore.Storage;

namespace McpSecurity.Tests.SecurityCore.Fakes;

/// <summary>An in-memory key store that copies on the way in and out, like a database would.</summary>
public sealed class InMemorySigningKeyRepository : ISigningKeyRepository
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredSigningKey> _keys = new(StringComparer.Ordinal);

    public IReadOnlyList<StoredSigningKey> GetAll()
    {
        lock (_gate)
        {
            return _keys.Values.Select(Copy).ToList();
        }
    }

    public void Upsert(StoredSigningKey key)
    {
        lock (_gate)
        {
            _keys[key.KeyId] = Copy(key);
        }
    }

    public void Delete(string keyId)
    {
        lock (_gate)
        {
            _keys.Remove(keyId);
        }
    }

    private static StoredSigningKey Copy(StoredSigningKey k) => new()
    {
        KeyId = k.KeyId,
        Algorithm = k.Algorithm,
        EncryptedKeyMaterial = k.EncryptedKeyMaterial.ToArray(),
        CreatedAt = k.CreatedAt,
        RetiredAt = k.RetiredAt,
        VerifyUntil = k.VerifyUntil,
        Revoked = k.Revoked,
    };
}
