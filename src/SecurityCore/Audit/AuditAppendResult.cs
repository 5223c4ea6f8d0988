namespace McpSecurity.SecurityCore.Audit;

/// <summary>Where an event landed in the audit trail once committed.</summary>
/// <param name="Sequence">The entry's sequence number.</param>
/// <param name="EntryHash">The entry's hash (hex).</param>
public sealed record AuditAppendResult(long Sequence, string EntryHash);
