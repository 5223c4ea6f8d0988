namespace McpSecurity.Handoff;

/// <summary>Changes the progress of a Phase 7 component (created if missing); fields left null stay as they are.</summary>
/// <remarks><c>signed_off</c> cannot be requested: a component becomes signed off only when its required roles have approved.</remarks>
public sealed class UpdatePhase7ComponentRequest
{
    /// <summary>Gets or sets the component.</summary>
    public required Phase7ComponentType ComponentType { get; set; }

    /// <summary>Gets or sets the status.</summary>
    public Phase7ComponentStatus? Status { get; set; }

    /// <summary>Gets or sets the completion in percent (0..100).</summary>
    public double? CompletionPercentage { get; set; }

    /// <summary>Gets or sets the test coverage in percent (0..100).</summary>
    public double? TestCoverage { get; set; }

    /// <summary>Gets or sets the security score (0..1).</summary>
    public double? SecurityScore { get; set; }

    /// <summary>Gets or sets performance figures by name (replaces the stored ones).</summary>
    public Dictionary<string, double>? PerformanceMetrics { get; set; }

    /// <summary>Gets or sets the components it depends on (replaces the stored ones).</summary>
    public List<Phase7ComponentType>? Dependencies { get; set; }

    /// <summary>Gets or sets when it was completed; set to now when the status becomes completed and none is given.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Gets or sets notes (at most 2000 characters).</summary>
    public string? Notes { get; set; }

    /// <summary>Gets or sets attachments (replaces the stored ones).</summary>
    public List<string>? Attachments { get; set; }
}
