namespace McpSecurity.SecurityCore.Audit;

/// <summary>Which entries to export: the contiguous run of sequence numbers from the first entry at or after <see cref="From"/> to the last before <see cref="To"/>.</summary>
public sealed record AuditExportRequest
{
    /// <summary>Gets the earliest timestamp (inclusive); null from the oldest retained entry.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Gets the latest timestamp (exclusive); null up to the newest entry.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Gets the most entries to write; more in the range is refused (<c>VALIDATION_FAILED</c>) rather than cut silently. Null for no limit.</summary>
    public int? MaxEntries { get; init; }
}
