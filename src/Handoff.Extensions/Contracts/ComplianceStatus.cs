using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The outcome of the latest compliance run (<c>unknown</c> until one exists).</summary>
public sealed class ComplianceStatus
{
    /// <summary>The framework the product checks.</summary>
    public const string DefaultFramework = "HIPAA";

    /// <summary>Gets or sets the framework (default <c>HIPAA</c>).</summary>
    public string Framework { get; set; } = DefaultFramework;

    /// <summary>Gets or sets the overall outcome (default unknown).</summary>
    public ComplianceOverallStatus Overall { get; set; } = ComplianceOverallStatus.Unknown;

    /// <summary>Gets or sets the score (0..1; 0 while unknown).</summary>
    public double Score { get; set; }

    /// <summary>Gets or sets the number of controls passed.</summary>
    public int ControlsPassed { get; set; }

    /// <summary>Gets or sets the number of controls failed.</summary>
    public int ControlsFailed { get; set; }

    /// <summary>Gets or sets the number of controls that do not apply.</summary>
    public int ControlsNotApplicable { get; set; }

    /// <summary>Gets or sets the failing controls.</summary>
    public List<FailingControl> FailingControls { get; set; } = [];

    /// <summary>Gets or sets the id of the compliance report.</summary>
    public string? ReportId { get; set; }

    /// <summary>Gets or sets when the run was evaluated.</summary>
    public DateTimeOffset? EvaluatedAt { get; set; }

    /// <summary>Gets or sets the fields this version does not know; kept so that they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
