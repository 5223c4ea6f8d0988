using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The overall outcome of a compliance run (<c>overall</c> of <see cref="ComplianceStatus"/>).</summary>
/// <remarks>On the wire a lower-case snake_case string, exactly as in the contract.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<ComplianceOverallStatus>))]
public enum ComplianceOverallStatus
{
    /// <summary><c>compliant</c>.</summary>
    [JsonStringEnumMemberName("compliant")]
    Compliant,
    /// <summary><c>partially_compliant</c>.</summary>
    [JsonStringEnumMemberName("partially_compliant")]
    PartiallyCompliant,
    /// <summary><c>non_compliant</c>.</summary>
    [JsonStringEnumMemberName("non_compliant")]
    NonCompliant,
    /// <summary><c>unknown</c>.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown,
}
