namespace McpSecurity.SecurityCore.Storage;

/// <summary>Persists the audit signing keys; keys are never deleted, so every old checkpoint still verifies.</summary>
public interface IAuditKeyRepository
{
    /// <summary>Gets every stored audit key, oldest first.</summary>
    IReadOnlyList<StoredAuditKey> GetAll();

    /// <summary>Inserts a key; returns false when one with its id exists.</summary>
    bool Insert(StoredAuditKey key);
}
