namespace McpSecurity.SecurityCore.Storage;

/// <summary>An incident as stored (see <c>Incidents.Incident</c> for each field).</summary>
internal sealed class StoredIncident
{
    public required string Id { get; set; }
    public required string Type { get; set; }
    public required string Severity { get; set; }
    public required string Status { get; set; }
    public required string Title { get; set; }
    public required string SourceKey { get; set; }
    /// <summary>Gets or sets <c>type|source_key</c> while the incident is open or acknowledged, null once resolved (the dedup lookup).</summary>
    public string? OpenKey { get; set; }
    public string? Component { get; set; }
    public DateTimeOffset FirstSeen { get; set; }
    public DateTimeOffset LastSeen { get; set; }
    public long EventCount { get; set; }
    public List<StoredIncidentEvidence> Evidence { get; set; } = [];
    public Dictionary<string, string> Figures { get; set; } = [];
    public List<StoredIncidentResponse> Responses { get; set; } = [];
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? Note { get; set; }
}
