namespace McpSecurity.Handoff;

/// <summary>The Phase 6 <c>PUT /reports/{id}</c> body: every field optional; a given list replaces the stored one.</summary>
public sealed class UpdateHandoffReportRequest
{
    /// <summary>Gets or sets the pipeline id.</summary>
    public string? PipelineId { get; set; }

    /// <summary>Gets or sets the task id.</summary>
    public string? TaskId { get; set; }

    /// <summary>Gets or sets the work summary (50..5000 characters after trimming; stored trimmed).</summary>
    public string? WorkSummary { get; set; }

    /// <summary>Gets or sets what was achieved.</summary>
    public List<string>? Achievements { get; set; }

    /// <summary>Gets or sets the challenges encountered.</summary>
    public List<string>? ChallengesEncountered { get; set; }

    /// <summary>Gets or sets the lessons learned.</summary>
    public List<string>? LessonsLearned { get; set; }

    /// <summary>Gets or sets the components implemented.</summary>
    public List<string>? ComponentsImplemented { get; set; }

    /// <summary>Gets or sets the APIs integrated.</summary>
    public List<string>? ApisIntegrated { get; set; }

    /// <summary>Gets or sets the services configured.</summary>
    public List<string>? ServicesConfigured { get; set; }

    /// <summary>Gets or sets the tests written.</summary>
    public List<string>? TestsWritten { get; set; }

    /// <summary>Gets or sets the documentation created.</summary>
    public List<string>? DocumentationCreated { get; set; }

    /// <summary>Gets or sets the quality score (0..1).</summary>
    public double? QualityScore { get; set; }

    /// <summary>Gets or sets the test coverage in percent (0..100).</summary>
    public double? TestCoveragePercentage { get; set; }

    /// <summary>Gets or sets the attachments.</summary>
    public List<string>? Attachments { get; set; }

    /// <summary>Gets or sets the code references.</summary>
    public List<string>? CodeReferences { get; set; }

    /// <summary>Gets or sets the documentation links.</summary>
    public List<string>? DocumentationLinks { get; set; }
}
