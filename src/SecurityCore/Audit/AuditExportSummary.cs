namespace McpSecurity.SecurityCore.Audit;

/// <summary>What an export wrote.</summary>
/// <param name="Count">The number of entry lines.</param>
/// <param name="FirstSequence">The first entry's sequence number (0 when none).</param>
/// <param name="LastSequence">The last entry's sequence number (0 when none).</param>
/// <param name="Checkpoint">The signed checkpoint the bundle proves against.</param>
public sealed record AuditExportSummary(long Count, long FirstSequence, long LastSequence, AuditCheckpoint Checkpoint);
