using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Mcp;

/// <summary>
/// A confirmed second factor; with an enrolment challenge (a login that had to enrol first) it also carries the tokens,
/// and when it is the account's first factor the recovery codes, shown once.
/// </summary>
internal sealed record EnrollmentConfirmedOutput
{
    [JsonPropertyName("method"), Description("The factor confirmed: totp or sms.")]
    public required string Method { get; init; }

    [JsonPropertyName("code_sent_to"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("enroll_sms first call: the masked number a code was sent to; confirm with code next.")]
    public string? CodeSentTo { get; init; }

    [JsonPropertyName("confirmed"), Description("Whether the factor is now confirmed (false after enroll_sms sent a code).")]
    public bool Confirmed { get; init; } = true;

    [JsonPropertyName("recovery_codes"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Ten single-use recovery codes when this was the first factor, shown once.")]
    public IReadOnlyList<string>? RecoveryCodes { get; init; }

    [JsonPropertyName("access_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("The access token, when this finished a login.")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("token_type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Always Bearer.")]
    public string? TokenType { get; init; }

    [JsonPropertyName("expires_in"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Seconds until the access token expires.")]
    public int? ExpiresIn { get; init; }

    [JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("The single-use refresh token.")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("scope"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("The granted scopes, space separated.")]
    public string? Scope { get; init; }

    public static EnrollmentConfirmedOutput From(string method, IReadOnlyList<string>? recoveryCodes, TokenResponse? tokens) => new()
    {
        Method = method,
        RecoveryCodes = recoveryCodes,
        AccessToken = tokens?.AccessToken,
        TokenType = tokens?.TokenType,
        ExpiresIn = tokens?.ExpiresIn,
        RefreshToken = tokens?.RefreshToken,
        Scope = tokens?.Scope,
    };

    /// <summary>Describes the output without codes or tokens.</summary>
    public override string ToString() => $"EnrollmentConfirmedOutput {{ Method = {Method}, Tokens = {AccessToken is not null} }}";
}
