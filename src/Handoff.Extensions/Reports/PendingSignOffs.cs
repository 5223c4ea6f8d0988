namespace McpSecurity.Handoff;

/// <summary>A report under review and the roles whose approval it still needs.</summary>
public sealed record PendingSignOffs(string ReportId, string Status, IReadOnlyList<string> MissingRoles);
