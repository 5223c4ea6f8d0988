namespace McpSecurity.SecurityCore.Incidents;

/// <summary>A filter over incidents; every member is optional. Newest (by last seen) first.</summary>
/// <param name="Status">open, acknowledged or resolved.</param>
/// <param name="Type">An incident type.</param>
/// <param name="Severity">A severity.</param>
/// <param name="Since">Only incidents last seen at or after this.</param>
/// <param name="Limit">Page size, 1 to 200 (default 50).</param>
/// <param name="Cursor">The opaque cursor of the previous page.</param>
public sealed record IncidentQuery(string? Status = null, string? Type = null, string? Severity = null, DateTimeOffset? Since = null, int Limit = 50, string? Cursor = null);
