using System.Text.Json;
using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The authentication of the caller who produced or changed a report.</summary>
public sealed class AuthenticationStatus
{
    /// <summary>Gets or sets the state (default unauthenticated).</summary>
    public AuthenticationState State { get; set; } = AuthenticationState.Unauthenticated;

    /// <summary>Gets or sets the subject id.</summary>
    public string? Subject { get; set; }

    /// <summary>Gets or sets the caller's roles.</summary>
    public List<string> Roles { get; set; } = [];

    /// <summary>Gets or sets how the caller authenticated.</summary>
    public AuthenticationMethod? Method { get; set; }

    /// <summary>Gets or sets whether a second factor was verified.</summary>
    public bool MfaVerified { get; set; }

    /// <summary>Gets or sets the session id.</summary>
    public string? SessionId { get; set; }

    /// <summary>Gets or sets when the caller authenticated.</summary>
    public DateTimeOffset? AuthenticatedAt { get; set; }

    /// <summary>Gets or sets when the authentication expires.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>Gets or sets the fields this version does not know; kept so that they survive a read-modify-write.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? ExtensionData { get; set; }
}
