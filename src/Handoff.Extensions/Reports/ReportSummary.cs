namespace McpSecurity.Handoff;

/// <summary>One line of a report list.</summary>
public sealed record ReportSummary(string ReportId, string AgentId, string PipelineId, string TaskId, string Status, string SignOffStatus, double OverallPhase6Progress, DateTimeOffset UpdatedAt);
