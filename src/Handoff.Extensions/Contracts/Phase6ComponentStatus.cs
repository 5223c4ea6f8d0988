using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The progress status of a Phase 6 component.</summary>
/// <remarks>On the wire a lower-case snake_case string, exactly as in the contract.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<Phase6ComponentStatus>))]
public enum Phase6ComponentStatus
{
    /// <summary><c>not_started</c>.</summary>
    [JsonStringEnumMemberName("not_started")]
    NotStarted,
    /// <summary><c>in_progress</c>.</summary>
    [JsonStringEnumMemberName("in_progress")]
    InProgress,
    /// <summary><c>completed</c>.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,
    /// <summary><c>blocked</c>.</summary>
    [JsonStringEnumMemberName("blocked")]
    Blocked,
    /// <summary><c>failed</c>.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
    /// <summary><c>verified</c>.</summary>
    [JsonStringEnumMemberName("verified")]
    Verified,
}
