namespace McpSecurity.SecurityCore.Audit;

/// <summary>The outcome of checking an exported file offline.</summary>
public sealed record AuditExportVerification
{
    /// <summary>Gets whether every line, the chain, both inclusion proofs and the checkpoint signature check out.</summary>
    public required bool Ok { get; init; }
    /// <summary>Gets <c>AUDIT_EXPORT_INVALID</c> when not ok.</summary>
    public string? Code { get; init; }
    /// <summary>Gets what is wrong.</summary>
    public string? Message { get; init; }
    /// <summary>Gets the 1-based line of the file where the problem shows, when tied to one.</summary>
    public long? Line { get; init; }
    /// <summary>Gets how many entry lines were checked.</summary>
    public long Entries { get; init; }
    /// <summary>Gets the signed tree size the export proves against.</summary>
    public long TreeSize { get; init; }
    /// <summary>Gets the signed root.</summary>
    public string? RootHash { get; init; }
    /// <summary>Gets the key id that signed the checkpoint.</summary>
    public string? KeyId { get; init; }
}
