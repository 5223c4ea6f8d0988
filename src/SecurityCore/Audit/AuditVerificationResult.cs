namespace McpSecurity.SecurityCore.Audit;

/// <summary>The outcome of recomputing the audit trail: ok, or the first bad sequence number and what is wrong.</summary>
public sealed record AuditVerificationResult
{
    /// <summary>Gets whether chain, tree and every checkpoint signature and root check out.</summary>
    public required bool Ok { get; init; }

    /// <summary>Gets the stable code of the first problem (<c>AUDIT_*</c> in <see cref="SecurityErrorCodes"/>), null when ok.</summary>
    public string? Code { get; init; }

    /// <summary>Gets what is wrong, in words (no detail values), null when ok.</summary>
    public string? Message { get; init; }

    /// <summary>Gets the first sequence number that is bad (missing, changed, moved or not covered any more), null when ok or not tied to one entry.</summary>
    public long? FirstBadSequence { get; init; }

    /// <summary>Gets how many entries were recomputed.</summary>
    public long EntriesChecked { get; init; }

    /// <summary>Gets the tree size found (the highest good sequence number when a problem stopped the check).</summary>
    public long TreeSize { get; init; }

    /// <summary>Gets the recomputed Merkle root over <see cref="TreeSize"/> entries (hex).</summary>
    public required string RootHash { get; init; }

    /// <summary>Gets how many stored checkpoints were checked (signature and root).</summary>
    public int CheckpointsChecked { get; init; }

    /// <summary>Gets how many exported anchor checkpoints were checked.</summary>
    public int AnchorsChecked { get; init; }

    /// <summary>Gets how many entries follow the newest signed checkpoint (protected by the hash chain only until the next one).</summary>
    public long UnsignedEntries { get; init; }
}
