namespace McpSecurity.SecurityCore.Incidents;

/// <summary>One security event that is part of an incident's evidence.</summary>
/// <param name="EventId">The security event id (look it up in the audit trail).</param>
/// <param name="EventType">The event type.</param>
/// <param name="OccurredAt">When it happened.</param>
/// <param name="Address">The caller's address, when known.</param>
/// <param name="SubjectId">The subject (user or client id, or the attempted account's id), when known.</param>
/// <param name="ReasonCode">The failure code, when there was one.</param>
public sealed record IncidentEvidence(string EventId, string EventType, DateTimeOffset OccurredAt, string? Address, string? SubjectId, string? ReasonCode);
