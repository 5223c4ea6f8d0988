using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The aggregate sign-off state of a report (<c>sign_off_status</c>), computed by <see cref="HandoffRules.ComputeSignOffStatus"/>.</summary>
/// <remarks>On the wire a lower-case snake_case string, exactly as in the contract.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<SignOffStatus>))]
public enum SignOffStatus
{
    /// <summary><c>pending</c>.</summary>
    [JsonStringEnumMemberName("pending")]
    Pending,
    /// <summary><c>partially_approved</c>.</summary>
    [JsonStringEnumMemberName("partially_approved")]
    PartiallyApproved,
    /// <summary><c>approved</c>.</summary>
    [JsonStringEnumMemberName("approved")]
    Approved,
    /// <summary><c>rejected</c>.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,
    /// <summary><c>not_required</c>.</summary>
    [JsonStringEnumMemberName("not_required")]
    NotRequired,
}
