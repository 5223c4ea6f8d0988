namespace McpSecurity.SecurityCore.Storage;

/// <summary>One automated response of a stored incident.</summary>
internal sealed class StoredIncidentResponse
{
    public string Kind { get; set; } = "";
    public string Target { get; set; } = "";
    public DateTimeOffset AppliedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public string Outcome { get; set; } = "";
}
