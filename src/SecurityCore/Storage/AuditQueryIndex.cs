namespace McpSecurity.SecurityCore.Storage;

/// <summary>
/// Which composite index of <c>audit_entries</c> a query walks: each key is <c>value|ticks(19 digits)|sequence(19 digits)</c>,
/// so one index range holds one filter value in time order and pages walk it newest first without sorting.
/// </summary>
public enum AuditQueryIndex
{
    /// <summary>Every entry by time (<c>ticks|sequence</c>).</summary>
    Time,

    /// <summary>Entries of one event type by time.</summary>
    Type,

    /// <summary>Entries of one acting subject by time.</summary>
    Subject,

    /// <summary>Entries about one target by time.</summary>
    Target,
}
