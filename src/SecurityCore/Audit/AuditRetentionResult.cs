namespace McpSecurity.SecurityCore.Audit;

/// <summary>What a retention run did.</summary>
/// <param name="Removed">How many entries were removed (0 when none was old enough).</param>
/// <param name="FirstRetainedSequence">The first sequence number kept (1 when nothing was ever cut).</param>
/// <param name="Cutoff">Entries older than this were eligible.</param>
public sealed record AuditRetentionResult(long Removed, long FirstRetainedSequence, DateTimeOffset Cutoff);
