namespace McpSecurity.SecurityCore.Audit;

/// <summary>An RFC 9162 inclusion proof of one leaf.</summary>
/// <param name="LeafIndex">The zero-based leaf index (the entry's sequence number minus one).</param>
/// <param name="TreeSize">The tree size the proof is for.</param>
/// <param name="AuditPath">The sibling hashes from the leaf up (hex).</param>
public sealed record AuditProofPath(long LeafIndex, long TreeSize, IReadOnlyList<string> AuditPath);
