using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>The authentication state of a caller (<c>state</c> of <see cref="AuthenticationStatus"/>).</summary>
/// <remarks>On the wire a lower-case snake_case string, exactly as in the contract.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<AuthenticationState>))]
public enum AuthenticationState
{
    /// <summary><c>unauthenticated</c>.</summary>
    [JsonStringEnumMemberName("unauthenticated")]
    Unauthenticated,
    /// <summary><c>authenticated</c>.</summary>
    [JsonStringEnumMemberName("authenticated")]
    Authenticated,
    /// <summary><c>mfa_required</c>.</summary>
    [JsonStringEnumMemberName("mfa_required")]
    MfaRequired,
    /// <summary><c>account_locked</c>.</summary>
    [JsonStringEnumMemberName("account_locked")]
    AccountLocked,
    /// <summary><c>suspended</c>.</summary>
    [JsonStringEnumMemberName("suspended")]
    Suspended,
    /// <summary><c>expired</c>.</summary>
    [JsonStringEnumMemberName("expired")]
    Expired,
}
