using System.Text.Json.Serialization;

namespace McpSecurity.Handoff;

/// <summary>How a caller authenticated.</summary>
/// <remarks>On the wire a lower-case snake_case string, exactly as in the contract.</remarks>
[JsonConverter(typeof(JsonStringEnumConverter<AuthenticationMethod>))]
public enum AuthenticationMethod
{
    /// <summary><c>password</c>.</summary>
    [JsonStringEnumMemberName("password")]
    Password,
    /// <summary><c>password_totp</c>.</summary>
    [JsonStringEnumMemberName("password_totp")]
    PasswordTotp,
    /// <summary><c>password_sms</c>.</summary>
    [JsonStringEnumMemberName("password_sms")]
    PasswordSms,
    /// <summary><c>recovery_code</c>.</summary>
    [JsonStringEnumMemberName("recovery_code")]
    RecoveryCode,
    /// <summary><c>api_key</c>.</summary>
    [JsonStringEnumMemberName("api_key")]
    ApiKey,
    /// <summary><c>client_credentials</c>.</summary>
    [JsonStringEnumMemberName("client_credentials")]
    ClientCredentials,
    /// <summary><c>mtls</c>.</summary>
    [JsonStringEnumMemberName("mtls")]
    Mtls,
    /// <summary><c>hmac_signature</c>.</summary>
    [JsonStringEnumMemberName("hmac_signature")]
    HmacSignature,
    /// <summary><c>clerk_session</c>.</summary>
    [JsonStringEnumMemberName("clerk_session")]
    ClerkSession,
}
