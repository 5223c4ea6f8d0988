namespace McpSecurity.SecurityCore.Storage;

/// <summary>A signed checkpoint (tree head) of the audit trail as the store keeps it; the tree size is the document id.</summary>
public sealed class StoredAuditCheckpoint
{
    /// <summary>Gets or sets the number of entries the checkpoint covers.</summary>
    public long TreeSize { get; set; }
    /// <summary>Gets or sets the RFC 9162 Merkle root over those entries (hex).</summary>
    public required string RootHash { get; set; }
    /// <summary>Gets or sets when the checkpoint was made.</summary>
    public DateTimeOffset Timestamp { get; set; }
    /// <summary>Gets or sets the signature algorithm (ES256).</summary>
    public required string Algorithm { get; set; }
    /// <summary>Gets or sets the audit key id.</summary>
    public required string KeyId { get; set; }
    /// <summary>Gets or sets the signature (base64url) over the checkpoint's canonical JSON.</summary>
    public required string Signature { get; set; }
}
