using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Mcp;

/// <summary>The result of <c>issue_token</c>: an OAuth token response, or a second-factor challenge.</summary>
internal sealed record IssueTokenOutput
{
    [JsonPropertyName("mfa_required"), Description("True when the account needs a second factor: no tokens, a challenge instead.")]
    public bool MfaRequired { get; init; }

    [JsonPropertyName("access_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("The access token (JWS, typ at+jwt).")]
    public string? AccessToken { get; init; }

    [JsonPropertyName("token_type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Always Bearer.")]
    public string? TokenType { get; init; }

    [JsonPropertyName("expires_in"), Description("Seconds until the access token (or the challenge) expires.")]
    public int ExpiresIn { get; init; }

    [JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("The single-use refresh token, for user logins.")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("scope"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("The granted scopes, space separated.")]
    public string? Scope { get; init; }

    [JsonPropertyName("challenge_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("The second-factor challenge id.")]
    public string? ChallengeId { get; init; }

    [JsonPropertyName("methods"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("The second factors the account may use.")]
    public IReadOnlyList<string>? Methods { get; init; }

    public static IssueTokenOutput From(TokenResponse tokens) => new()
    {
        AccessToken = tokens.AccessToken,
        TokenType = tokens.TokenType,
        ExpiresIn = tokens.ExpiresIn,
        RefreshToken = tokens.RefreshToken,
        Scope = tokens.Scope,
    };

    public static IssueTokenOutput From(MfaChallenge challenge, DateTimeOffset now) => new()
    {
        MfaRequired = true,
        ChallengeId = challenge.ChallengeId,
        ExpiresIn = (int)Math.Max(0, Math.Ceiling((challenge.ExpiresAt - now).TotalSeconds)),
        Methods = challenge.Methods,
    };
}
