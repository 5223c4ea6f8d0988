using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The Phase 6 component kinds a report tracks.</summary>
/// <remarks>On the wire a lower-case snake_case string, exactly as in the contract.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<ComponentType>))]
public enum ComponentType
{
    /// <summary><c>error_handling</c>.</summary>
    [JsonStringEnumMemberName("error_handling")]
    ErrorHandling,
    /// <summary><c>api_contracts</c>.</summary>
    [JsonStringEnumMemberName("api_contracts")]
    ApiContracts,
    /// <summary><c>retry_mechanisms</c>.</summary>
    [JsonStringEnumMemberName("retry_mechanisms")]
    RetryMechanisms,
    /// <summary><c>circuit_breaker</c>.</summary>
    [JsonStringEnumMemberName("circuit_breaker")]
    CircuitBreaker,
    /// <summary><c>validation_layer</c>.</summary>
    [JsonStringEnumMemberName("validation_layer")]
    ValidationLayer,
    /// <summary><c>monitoring_hooks</c>.</summary>
    [JsonStringEnumMemberName("monitoring_hooks")]
    MonitoringHooks,
    /// <summary><c>security_enhancements</c>.</summary>
    [JsonStringEnumMemberName("security_enhancements")]
    SecurityEnhancements,
    /// <summary><c>integration_tests</c>.</summary>
    [JsonStringEnumMemberName("integration_tests")]
    IntegrationTests,
}
