namespace McpSecurity.SecurityCore.Audit;

/// <summary>The current size and Merkle root of the audit trail (not signed; see <see cref="AuditCheckpoint"/> for that).</summary>
/// <param name="TreeSize">The number of committed entries.</param>
/// <param name="RootHash">The RFC 9162 root (hex).</param>
/// <param name="LastEntryHash">The hash of the last entry (hex; 64 zeros when empty).</param>
/// <param name="LastCheckpoint">The newest signed checkpoint, if any.</param>
public sealed record AuditTreeHead(long TreeSize, string RootHash, string LastEntryHash, AuditCheckpoint? LastCheckpoint);
