using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The reputation band of an address.</summary>
/// <remarks>On the wire a lower-case snake_case string, exactly as in the contract.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<IPReputationLevel>))]
public enum IPReputationLevel
{
    /// <summary><c>trusted</c>.</summary>
    [JsonStringEnumMemberName("trusted")]
    Trusted,
    /// <summary><c>neutral</c>.</summary>
    [JsonStringEnumMemberName("neutral")]
    Neutral,
    /// <summary><c>suspicious</c>.</summary>
    [JsonStringEnumMemberName("suspicious")]
    Suspicious,
    /// <summary><c>malicious</c>.</summary>
    [JsonStringEnumMemberName("malicious")]
    Malicious,
}
