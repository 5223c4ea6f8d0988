namespace McpSecurity.SecurityCore.Storage;

/// <summary>Filters of a stored hand-off report query; null means "any". All given filters must match.</summary>
public sealed record HandoffReportCriteria
{
    /// <summary>Gets the agent id to match exactly.</summary>
    public string? AgentId { get; init; }
    /// <summary>Gets the pipeline id to match exactly.</summary>
    public string? PipelineId { get; init; }
    /// <summary>Gets the task id to match exactly.</summary>
    public string? TaskId { get; init; }
    /// <summary>Gets the status wire name to match exactly.</summary>
    public string? Status { get; init; }
    /// <summary>Gets the report type to match exactly.</summary>
    public string? ReportType { get; init; }
    /// <summary>Gets the earliest creation time (inclusive).</summary>
    public DateTimeOffset? CreatedAfter { get; init; }
    /// <summary>Gets the latest creation time (inclusive).</summary>
    public DateTimeOffset? CreatedBefore { get; init; }
    /// <summary>Gets the least quality score; reports without one do not match.</summary>
    public double? MinQualityScore { get; init; }
}
