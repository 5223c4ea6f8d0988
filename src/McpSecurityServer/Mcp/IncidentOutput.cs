using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Incidents;

namespace McpSecurity.Server.Mcp;

/// <summary>A security incident as the incident tools and <c>/api/v1/incidents</c> show it (ids, addresses and counts; no secrets).</summary>
internal sealed record IncidentOutput(
    [property: JsonPropertyName("id"), Description("The incident id (inc_...).")] string Id,
    [property: JsonPropertyName("type"), Description("brute_force, credential_stuffing, password_spraying, refresh_token_reuse, rate_limit_storm, enumeration or signature_failure.")] string Type,
    [property: JsonPropertyName("severity"), Description("critical, high, medium or low.")] string Severity,
    [property: JsonPropertyName("status"), Description("open, acknowledged or resolved.")] string Status,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("source_key"), Description("What the detection is keyed on, for example address:203.0.113.7 or subject:usr_...")] string SourceKey,
    [property: JsonPropertyName("component")] string? Component,
    [property: JsonPropertyName("first_seen")] DateTimeOffset FirstSeen,
    [property: JsonPropertyName("last_seen")] DateTimeOffset LastSeen,
    [property: JsonPropertyName("event_count")] long EventCount,
    [property: JsonPropertyName("figures"), Description("The figures that crossed the threshold, for example failures and window_seconds.")] IReadOnlyDictionary<string, string> Figures,
    [property: JsonPropertyName("evidence"), Description("A bounded sample of the events, newest kept.")] IReadOnlyList<IncidentEvidenceOutput> Evidence,
    [property: JsonPropertyName("responses")] IReadOnlyList<IncidentResponseOutput> Responses,
    [property: JsonPropertyName("acknowledged_by")] string? AcknowledgedBy,
    [property: JsonPropertyName("acknowledged_at")] DateTimeOffset? AcknowledgedAt,
    [property: JsonPropertyName("resolved_by")] string? ResolvedBy,
    [property: JsonPropertyName("resolved_at")] DateTimeOffset? ResolvedAt,
    [property: JsonPropertyName("note")] string? Note)
{
    public static IncidentOutput From(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new IncidentOutput(incident.Id, incident.Type, incident.Severity, incident.Status, incident.Title, incident.SourceKey, incident.Component,
            incident.FirstSeen, incident.LastSeen, incident.EventCount, incident.Figures,
            [.. incident.Evidence.Select(IncidentEvidenceOutput.From)], [.. incident.Responses.Select(IncidentResponseOutput.From)],
            incident.AcknowledgedBy, incident.AcknowledgedAt, incident.ResolvedBy, incident.ResolvedAt, incident.Note);
    }
}
