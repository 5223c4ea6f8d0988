using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>
/// The fields of a Phase 6 hand-off report, shared by <see cref="AgentHandoffReport"/> and
/// <see cref="EnhancedAgentHandoffReport"/>, which differ only in the kind of sign-off records they hold.
/// </summary>
/// <typeparam name="TSignOffRecord">The sign-off record type of <see cref="SignOffsReceived"/>.</typeparam>
public abstract class AgentHandoffReportBase<TSignOffRecord>
    where TSignOffRecord : SignOffRecord
{
    /// <summary>The default <see cref="ReportType"/>.</summary>
    public const string DefaultReportType = "phase6_completion";

    /// <summary>Gets or sets the report id (Phase 6 makes <c>handoff_</c> + 32 hex digits).</summary>
    public required string ReportId { get; set; }

    /// <summary>Gets or sets the id of the agent that filed the report.</summary>
    public required string AgentId { get; set; }

    /// <summary>Gets or sets the pipeline id.</summary>
    public required string PipelineId { get; set; }

    /// <summary>Gets or sets the task id.</summary>
    public required string TaskId { get; set; }

    /// <summary>Gets or sets the report type (default <c>phase6_completion</c>).</summary>
    public string ReportType { get; set; } = DefaultReportType;

    /// <summary>Gets or sets the workflow status (default draft).</summary>
    public HandoffReportStatus Status { get; set; } = HandoffReportStatus.Draft;

    /// <summary>Gets or sets the report format version (default <c>1.0.0</c>); not a concurrency token.</summary>
    public string Version { get; set; } = HandoffAssembly.Phase6ContractVersion;

    /// <summary>Gets or sets the Phase 6 components and their progress.</summary>
    public List<Phase6ComponentProgress> Phase6Components { get; set; } = [];

    /// <summary>Gets or sets the overall progress (0..100): the mean of the components' percentages.</summary>
    public double OverallPhase6Progress { get; set; }

    /// <summary>Gets or sets the summary of the work (50..5000 characters after trimming).</summary>
    public required string WorkSummary { get; set; }

    /// <summary>Gets or sets what was achieved.</summary>
    public List<string> Achievements { get; set; } = [];

    /// <summary>Gets or sets the challenges encountered.</summary>
    public List<string> ChallengesEncountered { get; set; } = [];

    /// <summary>Gets or sets the lessons learned.</summary>
    public List<string> LessonsLearned { get; set; } = [];

    /// <summary>Gets or sets the components implemented.</summary>
    public List<string> ComponentsImplemented { get; set; } = [];

    /// <summary>Gets or sets the APIs integrated.</summary>
    public List<string> ApisIntegrated { get; set; } = [];

    /// <summary>Gets or sets the services configured.</summary>
    public List<string> ServicesConfigured { get; set; } = [];

    /// <summary>Gets or sets the tests written.</summary>
    public List<string> TestsWritten { get; set; } = [];

    /// <summary>Gets or sets the documentation created.</summary>
    public List<string> DocumentationCreated { get; set; } = [];

    /// <summary>Gets or sets the work figures.</summary>
    public HandoffReportMetrics Metrics { get; set; } = new();

    /// <summary>Gets or sets the quality score (0..1).</summary>
    public double? QualityScore { get; set; }

    /// <summary>Gets or sets the test coverage in percent (0..100).</summary>
    public double? TestCoveragePercentage { get; set; }

    /// <summary>Gets or sets the security scan results (any JSON object).</summary>
    public Dictionary<string, JsonElement>? SecurityScanResults { get; set; }

    /// <summary>Gets or sets the performance benchmarks (any JSON object).</summary>
    public Dictionary<string, JsonElement>? PerformanceBenchmarks { get; set; }

    /// <summary>Gets or sets the roles whose sign-off the report needs.</summary>
    /// <remarks>Defaults to developer, tech lead and QA engineer, Phase 6's default.</remarks>
    public List<SignOffRole> SignOffsRequired { get; set; } = [.. HandoffRules.DefaultRequiredSignOffs];

    /// <summary>Gets or sets the sign-offs received.</summary>
    public List<TSignOffRecord> SignOffsReceived { get; set; } = [];

    /// <summary>Gets or sets the aggregate sign-off state (default pending); see <see cref="HandoffRules.ComputeSignOffStatus"/>.</summary>
    public SignOffStatus SignOffStatus { get; set; } = SignOffStatus.Pending;

    /// <summary>Gets or sets the attachments.</summary>
    public List<string> Attachments { get; set; } = [];

    /// <summary>Gets or sets the code references.</summary>
    public List<string> CodeReferences { get; set; } = [];

    /// <summary>Gets or sets the documentation links.</summary>
    public List<string> DocumentationLinks { get; set; } = [];

    /// <summary>Gets or sets the reviewer's feedback (at most 2000 characters).</summary>
    public string? ReviewFeedback { get; set; }

    /// <summary>Gets or sets the amendments a reviewer asked for.</summary>
    public List<string> AmendmentsRequired { get; set; } = [];

    /// <summary>Gets or sets when the report was created.</summary>
    public required DateTimeOffset CreatedAt { get; set; }

    /// <summary>Gets or sets when the report was last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Gets or sets when the report was (last) submitted.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }

    /// <summary>Gets or sets when the report was (last) reviewed.</summary>
    public DateTimeOffset? ReviewedAt { get; set; }

    /// <summary>Gets or sets when the report was approved.</summary>
    public DateTimeOffset? ApprovedAt { get; set; }

    /// <summary>Gets or sets the fields this version does not know; kept so that they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
