using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The Phase 6 <c>POST /reports</c> body; the agent id is the caller, never taken from the body.</summary>
public sealed class CreateHandoffReportRequest
{
    /// <summary>Gets or sets the pipeline id.</summary>
    public required string PipelineId { get; set; }

    /// <summary>Gets or sets the task id.</summary>
    public required string TaskId { get; set; }

    /// <summary>Gets or sets the work summary (50..5000 characters after trimming; stored trimmed).</summary>
    public required string WorkSummary { get; set; }

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

    /// <summary>Gets or sets fields this version does not know; they are kept on the created report.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
