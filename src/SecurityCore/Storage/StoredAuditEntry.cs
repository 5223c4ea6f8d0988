namespace McpSecurity.SecurityCore.Storage;

/// <summary>One audit trail entry as the store keeps it: the sequence number is the document id, details only encrypted.</summary>
public sealed class StoredAuditEntry
{
    /// <summary>Gets or sets the gap-free sequence number (1, 2, 3, ...), also the document id.</summary>
    public long Sequence { get; set; }
    /// <summary>Gets or sets the id of the security event.</summary>
    public required string EventId { get; set; }
    /// <summary>Gets or sets when the event happened (exact UTC ticks).</summary>
    public DateTimeOffset Timestamp { get; set; }
    /// <summary>Gets or sets the event type.</summary>
    public required string Type { get; set; }
    /// <summary>Gets or sets the outcome (<c>success</c>, <c>failure</c>, <c>info</c>).</summary>
    public required string Outcome { get; set; }
    /// <summary>Gets or sets the acting subject id.</summary>
    public string? SubjectId { get; set; }
    /// <summary>Gets or sets the OAuth client id involved.</summary>
    public string? ClientId { get; set; }
    /// <summary>Gets or sets the actor's roles.</summary>
    public string[] Roles { get; set; } = [];
    /// <summary>Gets or sets the actor's remote address.</summary>
    public string? Address { get; set; }
    /// <summary>Gets or sets how the actor authenticated (for example <c>pwd</c>, <c>otp</c>, <c>client_credentials</c>).</summary>
    public string? AuthenticationMethod { get; set; }
    /// <summary>Gets or sets what the event is about.</summary>
    public string? Target { get; set; }
    /// <summary>Gets or sets the stable reason code.</summary>
    public string? ReasonCode { get; set; }
    /// <summary>Gets or sets the request id.</summary>
    public string? RequestId { get; set; }
    /// <summary>Gets or sets the redacted details as canonical JSON encrypted with the master key; null when there are none.</summary>
    public byte[]? EncryptedDetails { get; set; }
    /// <summary>Gets or sets the previous entry's hash (hex; 64 zeros for the first entry).</summary>
    public required string PrevHash { get; set; }
    /// <summary>Gets or sets the SHA-256 (hex) of this entry's canonical JSON, which includes <see cref="PrevHash"/>.</summary>
    public required string EntryHash { get; set; }
    /// <summary>Gets or sets the entry's RFC 9162 Merkle leaf hash (derived; kept so the tree loads without rehashing).</summary>
    public byte[]? LeafHash { get; set; }
}
