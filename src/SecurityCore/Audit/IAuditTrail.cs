using McpSecurity.SecurityCore.Events;

namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// The tamper-evident audit trail: an append-only, hash-chained log of security events with an RFC 9162 Merkle tree
/// over its entries and signed checkpoints. Every <see cref="ISecurityEventSink"/> event lands here.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Appends an event (redacted, details encrypted) and returns once it is committed to the store.</summary>
    /// <remarks>Concurrent appends are written together in one transaction (group commit). Cancelling stops the wait only; the entry may still be committed.</remarks>
    /// <exception cref="SecurityException"><c>AUDIT_APPEND_FAILED</c> when the store refused the batch.</exception>
    ValueTask<AuditAppendResult> AppendAsync(SecurityEvent securityEvent, CancellationToken cancellationToken = default);

    /// <summary>Completes when everything appended before is committed (read-your-writes for readers).</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes a signed checkpoint now when entries exist after the last one and waits until it is exported to the anchors;
    /// returns the newest checkpoint (null for an empty trail).
    /// </summary>
    Task<AuditCheckpoint?> CheckpointAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the committed size, root and newest checkpoint.</summary>
    AuditTreeHead GetTreeHead();

    /// <summary>Gets up to <paramref name="limit"/> committed entries (at most 1000), newest first, optionally of one type.</summary>
    IReadOnlyList<AuditEntry> GetRecent(int limit, string? type = null);

    /// <summary>Gets one committed entry by sequence number, or null.</summary>
    AuditEntry? GetEntry(long sequence);

    /// <summary>Gets the RFC 9162 root of the first <paramref name="treeSize"/> entries.</summary>
    byte[] GetRoot(long treeSize);

    /// <summary>Gets the inclusion proof of entry <paramref name="sequence"/> (leaf index <c>sequence - 1</c>) in the tree of <paramref name="treeSize"/> entries.</summary>
    IReadOnlyList<byte[]> GetInclusionProof(long sequence, long treeSize);

    /// <summary>Gets the consistency proof between the trees of <paramref name="oldSize"/> and <paramref name="newSize"/> entries.</summary>
    IReadOnlyList<byte[]> GetConsistencyProof(long oldSize, long newSize);
}
