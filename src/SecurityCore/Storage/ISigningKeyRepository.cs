namespace McpSecurity.SecurityCore.Storage;

/// <summary>Persists the signing key ring.</summary>
public interface ISigningKeyRepository
{
    /// <summary>Gets every stored key, active and retired.</summary>
    IReadOnlyList<StoredSigningKey> GetAll();
    /// <summary>Inserts or replaces a key by its id.</summary>
    void Upsert(StoredSigningKey key);
    /// <summary>Deletes a key that no longer verifies anything.</summary>
    void Delete(string keyId);
}
