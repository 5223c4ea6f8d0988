namespace McpSecurity.SecurityCore.Storage;

/// <summary>
/// A hand-off report as stored: its JSON exactly as the hand-off layer wrote it (unknown fields included), a revision for
/// optimistic concurrency, and copies of the fields the Phase 6 list filters on.
/// </summary>
/// <remarks>SecurityCore does not know the report types; the hand-off layer owns <see cref="Document"/> and fills the copies.</remarks>
public sealed class StoredHandoffReport
{
    /// <summary>Gets or sets the report id (the key).</summary>
    public required string ReportId { get; set; }

    /// <summary>Gets or sets the revision; 1 after the first save, one more with every save.</summary>
    public long Revision { get; set; }

    /// <summary>Gets or sets the report's JSON.</summary>
    public required string Document { get; set; }

    /// <summary>Gets or sets the filing agent's id.</summary>
    public required string AgentId { get; set; }

    /// <summary>Gets or sets the pipeline id.</summary>
    public required string PipelineId { get; set; }

    /// <summary>Gets or sets the task id.</summary>
    public required string TaskId { get; set; }

    /// <summary>Gets or sets the workflow status (its wire name, for example <c>under_review</c>).</summary>
    public required string Status { get; set; }

    /// <summary>Gets or sets the report type.</summary>
    public required string ReportType { get; set; }

    /// <summary>Gets or sets the sign-off status as last saved (its wire name).</summary>
    public required string SignOffStatus { get; set; }

    /// <summary>Gets or sets the quality score, when set.</summary>
    public double? QualityScore { get; set; }

    /// <summary>Gets or sets when the report was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets when the report was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
