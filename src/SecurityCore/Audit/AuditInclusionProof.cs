namespace McpSecurity.SecurityCore.Audit;

/// <summary>
/// Proof that one entry is in the audit trail's Merkle tree of <see cref="TreeSize"/> entries: a third party hashes
/// <see cref="Entry"/> (leaf = SHA-256(0x00 || UTF-8 bytes)), walks <see cref="Path"/> to <see cref="RootHash"/> and checks
/// the checkpoint's ES256 signature over that root with one of <see cref="PublicKeys"/>.
/// </summary>
public sealed record AuditInclusionProof
{
    /// <summary>Gets the entry's sequence number.</summary>
    public required long Sequence { get; init; }
    /// <summary>Gets the entry exactly as hashed: its RFC 8785 canonical JSON.</summary>
    public required string Entry { get; init; }
    /// <summary>Gets SHA-256 of <see cref="Entry"/> (hex), the entry_hash the chain links.</summary>
    public required string EntryHash { get; init; }
    /// <summary>Gets the Merkle leaf hash of <see cref="Entry"/> (hex).</summary>
    public required string LeafHash { get; init; }
    /// <summary>Gets the tree size the proof is for.</summary>
    public required long TreeSize { get; init; }
    /// <summary>Gets the Merkle root of that tree (hex).</summary>
    public required string RootHash { get; init; }
    /// <summary>Gets the inclusion path.</summary>
    public required AuditProofPath Path { get; init; }
    /// <summary>Gets the signed checkpoint of that tree size, or null when the proof is against the current (not yet signed) tree.</summary>
    public AuditCheckpoint? Checkpoint { get; init; }
    /// <summary>Gets the audit public keys (pin them: compare with a copy obtained independently).</summary>
    public required IReadOnlyList<AuditPublicKey> PublicKeys { get; init; }
}
