namespace McpSecurity.SecurityCore.Storage;

/// <summary>Persists the audit trail: entries, Merkle leaf hashes and signed checkpoints. Append-only by design.</summary>
public interface IAuditRepository
{
    /// <summary>Writes a batch of entries, the leaf chunks they complete and maybe a checkpoint in one transaction (all or nothing).</summary>
    void AppendBatch(IReadOnlyList<StoredAuditEntry> entries, IReadOnlyList<StoredAuditLeafChunk> leafChunks, StoredAuditCheckpoint? checkpoint);

    /// <summary>Writes a checkpoint alone (one made on a timer or on request).</summary>
    void AddCheckpoint(StoredAuditCheckpoint checkpoint);

    /// <summary>Gets the entry with the highest sequence number, or null when the trail is empty.</summary>
    StoredAuditEntry? GetLast();

    /// <summary>Gets one entry by sequence number.</summary>
    StoredAuditEntry? GetBySequence(long sequence);

    /// <summary>Streams every entry in sequence order, starting at <paramref name="fromSequence"/>.</summary>
    IEnumerable<StoredAuditEntry> ReadFrom(long fromSequence);

    /// <summary>Gets up to <paramref name="limit"/> entries, newest first, optionally of one type.</summary>
    IReadOnlyList<StoredAuditEntry> GetRecent(int limit, string? type = null);

    /// <summary>Gets every stored leaf chunk in index order.</summary>
    IReadOnlyList<StoredAuditLeafChunk> GetLeafChunks();

    /// <summary>Gets every checkpoint, smallest tree first.</summary>
    IReadOnlyList<StoredAuditCheckpoint> GetCheckpoints();
}
