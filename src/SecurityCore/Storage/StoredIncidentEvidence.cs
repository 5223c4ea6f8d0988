namespace McpSecurity.SecurityCore.Storage;

/// <summary>One evidence event of a stored incident.</summary>
internal sealed class StoredIncidentEvidence
{
    public string EventId { get; set; } = "";
    public string EventType { get; set; } = "";
    public DateTimeOffset OccurredAt { get; set; }
    public string? Address { get; set; }
    public string? SubjectId { get; set; }
    public string? ReasonCode { get; set; }
}
