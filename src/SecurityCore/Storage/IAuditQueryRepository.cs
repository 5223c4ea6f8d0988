namespace McpSecurity.SecurityCore.Storage;

/// <summary>Reads audit entries through the composite (value, time, sequence) indexes, newest first.</summary>
public interface IAuditQueryRepository
{
    /// <summary>Gets up to <see cref="AuditQueryRange.Batch"/> entries of the range, with the index key of each, key descending.</summary>
    IReadOnlyList<(string Key, StoredAuditEntry Entry)> Read(AuditQueryRange range);

    /// <summary>Gets the index key <paramref name="entry"/> has in <paramref name="index"/>.</summary>
    string KeyOf(AuditQueryIndex index, StoredAuditEntry entry);

    /// <summary>Gets the key prefix of <paramref name="value"/> in <paramref name="index"/> (empty for <see cref="AuditQueryIndex.Time"/>).</summary>
    string PrefixOf(AuditQueryIndex index, string? value);

    /// <summary>Gets the sequence number of the earliest entry (by time) at or after <paramref name="from"/>, or null.</summary>
    long? FirstSequenceAtOrAfter(DateTimeOffset from);
}
