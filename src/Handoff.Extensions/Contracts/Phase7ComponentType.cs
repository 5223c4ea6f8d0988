using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The Phase 7 security components a report tracks.</summary>
/// <remarks>On the wire a lower-case snake_case string, exactly as in the contract.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<Phase7ComponentType>))]
public enum Phase7ComponentType
{
    /// <summary><c>jwt_auth_service</c>.</summary>
    [JsonStringEnumMemberName("jwt_auth_service")]
    JwtAuthService,
    /// <summary><c>rate_limiting_service</c>.</summary>
    [JsonStringEnumMemberName("rate_limiting_service")]
    RateLimitingService,
    /// <summary><c>security_hardening</c>.</summary>
    [JsonStringEnumMemberName("security_hardening")]
    SecurityHardening,
    /// <summary><c>multi_role_auth</c>.</summary>
    [JsonStringEnumMemberName("multi_role_auth")]
    MultiRoleAuth,
    /// <summary><c>api_security</c>.</summary>
    [JsonStringEnumMemberName("api_security")]
    ApiSecurity,
    /// <summary><c>phase6_integration</c>.</summary>
    [JsonStringEnumMemberName("phase6_integration")]
    Phase6Integration,
    /// <summary><c>security_monitoring</c>.</summary>
    [JsonStringEnumMemberName("security_monitoring")]
    SecurityMonitoring,
    /// <summary><c>compliance_audit</c>.</summary>
    [JsonStringEnumMemberName("compliance_audit")]
    ComplianceAudit,
}
