using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The progress and sign-offs of one Phase 7 security component of a report.</summary>
public sealed class Phase7ComponentProgress
{
    /// <summary>Gets or sets the id of this entry.</summary>
    public required string Id { get; set; }

    /// <summary>Gets or sets the id of the report it belongs to.</summary>
    public required string ReportId { get; set; }

    /// <summary>Gets or sets which component this is.</summary>
    public required Phase7ComponentType ComponentType { get; set; }

    /// <summary>Gets or sets the status (default pending); <c>signed_off</c> is set only by the sign-off rules.</summary>
    public Phase7ComponentStatus Status { get; set; } = Phase7ComponentStatus.Pending;

    /// <summary>Gets or sets the completion in percent (0..100).</summary>
    public double CompletionPercentage { get; set; }

    /// <summary>Gets or sets the test coverage in percent (0..100).</summary>
    public double? TestCoverage { get; set; }

    /// <summary>Gets or sets the security score (0..1).</summary>
    public double? SecurityScore { get; set; }

    /// <summary>Gets or sets performance figures by name.</summary>
    public Dictionary<string, double> PerformanceMetrics { get; set; } = [];

    /// <summary>Gets or sets the components this one depends on.</summary>
    public List<Phase7ComponentType> Dependencies { get; set; } = [];

    /// <summary>Gets or sets when the component was completed.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>Gets or sets the ids of those who reviewed it.</summary>
    public List<string> ReviewedBy { get; set; } = [];

    /// <summary>Gets or sets the sign-offs it received.</summary>
    public List<EnhancedSignOffRecord> SignedOffBy { get; set; } = [];

    /// <summary>Gets or sets notes.</summary>
    public string? Notes { get; set; }

    /// <summary>Gets or sets attachments.</summary>
    public List<string> Attachments { get; set; } = [];

    /// <summary>Gets or sets the fields this version does not know; kept so that they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
