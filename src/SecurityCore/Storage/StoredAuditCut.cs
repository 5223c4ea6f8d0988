namespace McpSecurity.SecurityCore.Storage;

/// <summary>A signed retention cut as the store keeps it; the first retained sequence number is the document id.</summary>
public sealed class StoredAuditCut
{
    /// <summary>Gets or sets the first sequence number kept (entries before it were removed).</summary>
    public long FirstRetainedSequence { get; set; }
    /// <summary>Gets or sets the entry hash of the last removed entry: the <c>prev_hash</c> of the first retained one.</summary>
    public required string PrevHash { get; set; }
    /// <summary>Gets or sets the Merkle root over the removed entries (tree size <c>FirstRetainedSequence - 1</c>, hex).</summary>
    public required string RootHash { get; set; }
    /// <summary>Gets or sets the retention boundary: entries older than this were removed.</summary>
    public DateTimeOffset Cutoff { get; set; }
    /// <summary>Gets or sets when the cut was made.</summary>
    public DateTimeOffset Timestamp { get; set; }
    /// <summary>Gets or sets the signature algorithm.</summary>
    public required string Algorithm { get; set; }
    /// <summary>Gets or sets the audit key id.</summary>
    public required string KeyId { get; set; }
    /// <summary>Gets or sets the signature (base64url).</summary>
    public required string Signature { get; set; }
}
