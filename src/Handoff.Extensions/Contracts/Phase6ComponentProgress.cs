using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The progress of one Phase 6 component in a report.</summary>
public sealed class Phase6ComponentProgress
{
    /// <summary>Gets or sets which component this is.</summary>
    public required ComponentType ComponentType { get; set; }

    /// <summary>Gets or sets the status (default not_started).</summary>
    public Phase6ComponentStatus Status { get; set; } = Phase6ComponentStatus.NotStarted;

    /// <summary>Gets or sets the progress in percent (0..100, default 0).</summary>
    public double ProgressPercentage { get; set; }

    /// <summary>Gets or sets when work started.</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>Gets or sets when work completed.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Gets or sets the estimated completion time.</summary>
    public DateTimeOffset? EstimatedCompletion { get; set; }

    /// <summary>Gets or sets who works on it.</summary>
    public string? AssignedTo { get; set; }

    /// <summary>Gets or sets what it depends on.</summary>
    public List<string> Dependencies { get; set; } = [];

    /// <summary>Gets or sets what blocks it.</summary>
    public List<string> Blockers { get; set; } = [];

    /// <summary>Gets or sets notes (at most 2000 characters).</summary>
    public string? Notes { get; set; }

    /// <summary>Gets or sets test results (any JSON object).</summary>
    public Dictionary<string, JsonElement>? TestResults { get; set; }

    /// <summary>Gets or sets the code review status.</summary>
    public string? CodeReviewStatus { get; set; }

    /// <summary>Gets or sets the security review status.</summary>
    public string? SecurityReviewStatus { get; set; }

    /// <summary>Gets or sets the fields this version does not know; kept so that they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
