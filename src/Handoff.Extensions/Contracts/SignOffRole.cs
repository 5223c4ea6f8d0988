using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The roles whose sign-off a report can require.</summary>
/// <remarks>On the wire a lower-case snake_case string, exactly as in the contract.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<SignOffRole>))]
public enum SignOffRole
{
    /// <summary><c>developer</c>.</summary>
    [JsonStringEnumMemberName("developer")]
    Developer,
    /// <summary><c>tech_lead</c>.</summary>
    [JsonStringEnumMemberName("tech_lead")]
    TechLead,
    /// <summary><c>qa_engineer</c>.</summary>
    [JsonStringEnumMemberName("qa_engineer")]
    QaEngineer,
    /// <summary><c>security_reviewer</c>.</summary>
    [JsonStringEnumMemberName("security_reviewer")]
    SecurityReviewer,
    /// <summary><c>product_owner</c>.</summary>
    [JsonStringEnumMemberName("product_owner")]
    ProductOwner,
    /// <summary><c>architect</c>.</summary>
    [JsonStringEnumMemberName("architect")]
    Architect,
}
