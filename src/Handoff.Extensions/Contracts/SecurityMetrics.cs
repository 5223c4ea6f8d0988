using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>Security figures over a stated window, computed from the product's own recorded events.</summary>
public sealed class SecurityMetrics
{
    /// <summary>Gets or sets the start of the window; null until computed.</summary>
    public DateTimeOffset? WindowStart { get; set; }

    /// <summary>Gets or sets the end of the window; null until computed.</summary>
    public DateTimeOffset? WindowEnd { get; set; }

    /// <summary>Gets or sets the number of security events.</summary>
    public long TotalSecurityEvents { get; set; }

    /// <summary>Gets or sets the number of high-risk events.</summary>
    public long HighRiskEvents { get; set; }

    /// <summary>Gets or sets the number of rate-limit violations.</summary>
    public long RateLimitViolations { get; set; }

    /// <summary>Gets or sets the number of suspicious activities.</summary>
    public long SuspiciousActivities { get; set; }

    /// <summary>Gets or sets the number of blocked requests.</summary>
    public long BlockedRequests { get; set; }

    /// <summary>Gets or sets the number of security incidents.</summary>
    public long SecurityIncidents { get; set; }

    /// <summary>Gets or sets the number of successful authentications.</summary>
    public long AuthenticationSuccesses { get; set; }

    /// <summary>Gets or sets the number of failed authentications.</summary>
    public long AuthenticationFailures { get; set; }

    /// <summary>Gets or sets the average response time in milliseconds.</summary>
    public double? AverageResponseTimeMs { get; set; }

    /// <summary>Gets or sets the number of encryption operations.</summary>
    public long EncryptionOperations { get; set; }

    /// <summary>Gets or sets the number of compliance violations.</summary>
    public long ComplianceViolations { get; set; }

    /// <summary>Gets or sets the number of known vulnerabilities.</summary>
    public long VulnerabilityCount { get; set; }

    /// <summary>Gets or sets the compliance score (0..1).</summary>
    public double? ComplianceScore { get; set; }

    /// <summary>Gets or sets the number of audit events.</summary>
    public long AuditEvents { get; set; }

    /// <summary>Gets or sets the fields this version does not know; kept so that they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
