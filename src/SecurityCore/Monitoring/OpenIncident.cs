namespace McpSecurity.SecurityCore.Monitoring;

/// <summary>An incident that is open now.</summary>
/// <param name="IncidentId">The incident id.</param>
/// <param name="Severity">critical, high, medium or low (<see cref="IncidentSeverities"/>).</param>
/// <param name="Component">The component it concerns (a Phase 7 component type such as <c>jwt_auth_service</c>), or null for the whole product.</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="Title">A short title.</param>
public sealed record OpenIncident(string IncidentId, string Severity, string? Component, DateTimeOffset OpenedAt, string? Title);
