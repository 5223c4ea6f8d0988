using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>One sign-off of a report by a person in a role (Phase 6 <c>SignOffRecord</c>).</summary>
/// <remarks>Not sealed: <see cref="EnhancedSignOffRecord"/> is this record plus the Phase 7 fields.</remarks>
public class SignOffRecord
{
    /// <summary>Gets or sets the sign-off id (Phase 6 makes <c>signoff_</c> + 32 hex digits).</summary>
    public required string SignOffId { get; set; }

    /// <summary>Gets or sets the role signed for.</summary>
    public required SignOffRole Role { get; set; }

    /// <summary>Gets or sets the signer's id.</summary>
    public required string SignedBy { get; set; }

    /// <summary>Gets or sets when the sign-off was given.</summary>
    public required DateTimeOffset SignedAt { get; set; }

    /// <summary>Gets or sets the decision: approved, rejected or conditional.</summary>
    public required SignOffDecision Status { get; set; }

    /// <summary>Gets or sets the signer's comments (at most 1000 characters).</summary>
    public string? Comments { get; set; }

    /// <summary>Gets or sets the conditions of a conditional approval.</summary>
    public List<string>? Conditions { get; set; }

    /// <summary>Gets or sets when the sign-off stops counting; null: never.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Gets or sets the fields this version does not know; kept so that they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
