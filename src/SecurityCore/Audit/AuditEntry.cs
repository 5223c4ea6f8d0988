namespace McpSecurity.SecurityCore.Audit;

/// <summary>One entry of the tamper-evident audit trail, as readers see it (details decrypted, already redacted).</summary>
public sealed record AuditEntry
{
    /// <summary>Gets the gap-free sequence number, starting at 1 (the Merkle leaf index is <c>Sequence - 1</c>).</summary>
    public required long Sequence { get; init; }
    /// <summary>Gets the id of the security event.</summary>
    public required string EventId { get; init; }
    /// <summary>Gets when the event happened (UTC).</summary>
    public required DateTimeOffset Timestamp { get; init; }
    /// <summary>Gets the event type.</summary>
    public required string Type { get; init; }
    /// <summary>Gets the outcome.</summary>
    public required string Outcome { get; init; }
    /// <summary>Gets who acted.</summary>
    public required AuditActor Actor { get; init; }
    /// <summary>Gets what the event is about.</summary>
    public string? Target { get; init; }
    /// <summary>Gets the stable reason code.</summary>
    public string? ReasonCode { get; init; }
    /// <summary>Gets the request id.</summary>
    public string? RequestId { get; init; }
    /// <summary>Gets the redacted details.</summary>
    public required IReadOnlyDictionary<string, string> Details { get; init; }
    /// <summary>Gets the previous entry's hash (hex).</summary>
    public required string PrevHash { get; init; }
    /// <summary>Gets this entry's hash: SHA-256 (hex) of its RFC 8785 canonical JSON.</summary>
    public required string EntryHash { get; init; }
}
