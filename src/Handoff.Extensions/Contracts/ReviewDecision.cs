using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The outcome of a review (<c>review_status</c> of the Phase 6 review body).</summary>
/// <remarks>On the wire a lower-case snake_case string, exactly as in the contract.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<ReviewDecision>))]
public enum ReviewDecision
{
    /// <summary><c>approved</c>.</summary>
    [JsonStringEnumMemberName("approved")]
    Approved,
    /// <summary><c>rejected</c>.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected,
    /// <summary><c>amendments_required</c>.</summary>
    [JsonStringEnumMemberName("amendments_required")]
    AmendmentsRequired,
}
