using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The status of a hand-off report in the Phase 6 workflow.</summary>
/// <remarks>On the wire a lower-case snake_case string, exactly as in the contract.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<HandoffReportStatus>))]
public enum HandoffReportStatus
{
    /// <summary><c>draft</c>.</summary>
    [JsonStringEnumMemberName("draft")]
    Draft,
    /// <summary><c>submitted</c>.</summary>
    [JsonStringEnumMemberName("submitted")]
    Submitted,
    /// <summary><c>under_review</c>.</summary>
    [JsonStringEnumMemberName("under_review")]
    UnderReview,
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
