namespace McpSecurity.SecurityCore.Audit;

/// <summary>One page of audit entries, newest first.</summary>
/// <param name="Entries">The entries of the page.</param>
/// <param name="NextCursor">The cursor of the next page; null when there is none.</param>
/// <param name="AsOfSequence">The trail size when the first page was read: later pages never show entries appended after it.</param>
/// <param name="Scanned">How many entries were read to build the page (free-text and secondary filters drop some).</param>
public sealed record AuditQueryPage(IReadOnlyList<AuditEntry> Entries, string? NextCursor, long AsOfSequence, int Scanned);
