namespace McpSecurity.SecurityCore.Incidents;

/// <summary>A page of incidents.</summary>
/// <param name="Items">The incidents of this page.</param>
/// <param name="NextCursor">The cursor of the next page, or null on the last.</param>
public sealed record IncidentPage(IReadOnlyList<Incident> Items, string? NextCursor);
