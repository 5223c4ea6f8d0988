using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The decision a single sign-off records (the <c>status</c> of a <see cref="SignOffRecord"/>).</summary>
/// <remarks>On the wire a lower-case snake_case string, exactly as in the contract.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<SignOffDecision>))]
public enum SignOffDecision
{
    /// <summary><c>approved</c>.</summary>
    [JsonStringEnumMemberName("approved")]
    Approved,
    /// <summary><c>rejected</c>.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,
    /// <summary><c>conditional</c>.</summary>
    [JsonStringEnumMemberName("conditional")]
    Conditional,
}
