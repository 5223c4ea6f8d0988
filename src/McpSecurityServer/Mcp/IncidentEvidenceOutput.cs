using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Incidents;

namespace McpSecurity.Server.Mcp;

/// <summary>One security event of an incident's evidence.</summary>
internal sealed record IncidentEvidenceOutput(
    [property: JsonPropertyName("event_id")] string EventId,
    [property: JsonPropertyName("event_type")] string EventType,
    [property: JsonPropertyName("occurred_at")] DateTimeOffset OccurredAt,
    [property: JsonPropertyName("address")] string? Address,
    [property: JsonPropertyName("subject_id")] string? SubjectId,
    [property: JsonPropertyName("reason_code")] string? ReasonCode)
{
    public static IncidentEvidenceOutput From(IncidentEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return new IncidentEvidenceOutput(evidence.EventId, evidence.EventType, evidence.OccurredAt, evidence.Address, evidence.SubjectId, evidence.ReasonCode);
    }
}
