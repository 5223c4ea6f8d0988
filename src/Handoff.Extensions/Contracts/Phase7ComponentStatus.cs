using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The status of a Phase 7 component.</summary>
/// <remarks>On the wire a lower-case snake_case string, exactly as in the contract.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<Phase7ComponentStatus>))]
public enum Phase7ComponentStatus
{
    /// <summary><c>pending</c>.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,
    /// <summary><c>in_progress</c>.</summary>
    [JsonStringEnumMemberName("in_progress")]
    InProgress,
    /// <summary><c>completed</c>.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,
    /// <summary><c>failed</c>.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
    /// <summary><c>blocked</c>.</summary>
    [JsonStringEnumMemberName("blocked")]
    Blocked,
    /// <summary><c>under_review</c>.</summary>
    [JsonStringEnumMemberName("under_review")]
    UnderReview,
    /// <summary><c>signed_off</c>.</summary>
    [JsonStringEnumMemberName("signed_off")]
    SignedOff,
}
