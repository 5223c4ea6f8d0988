using System.Text.Json;

namespace McpSecurity.Handoff;

/// <summary>The Phase 6 <c>PUT /reports/{id}/components/{component_type}</c> body; creates the component entry if missing.</summary>
public sealed class UpdatePhase6ComponentRequest
{
    /// <summary>Gets or sets the component (must equal the one in the path).</summary>
    public required ComponentType ComponentType { get; set; }

    /// <summary>Gets or sets the status.</summary>
    public required Phase6ComponentStatus Status { get; set; }

    /// <summary>Gets or sets the progress in percent (0..100).</summary>
    public required double ProgressPercentage { get; set; }

    /// <summary>Gets or sets when work started; set to now when the status first leaves not_started and none is given.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Gets or sets when work completed; set to now when the status becomes completed or verified and none is given.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Gets or sets the estimated completion time.</summary>
    public DateTimeOffset? EstimatedCompletion { get; set; }

    /// <summary>Gets or sets notes (at most 2000 characters).</summary>
    public string? Notes { get; set; }

    /// <summary>Gets or sets test results (any JSON object).</summary>
    public Dictionary<string, JsonElement>? TestResults { get; set; }

    /// <summary>Gets or sets the code review status.</summary>
    public string? CodeReviewStatus { get; set; }

    /// <summary>Gets or sets the security review status.</summary>
    public string? SecurityReviewStatus { get; set; }
}
