using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Mcp;

/// <summary>An OAuth token response (RFC 6749 section 5.1).</summary>
internal sealed record TokenOutput(
    [property: JsonPropertyName("access_token"), Description("The access token (JWS, typ at+jwt).")] string AccessToken,
    [property: JsonPropertyName("token_type"), Description("Always Bearer.")] string TokenType,
    [property: JsonPropertyName("expires_in"), Description("Seconds until the access token expires.")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("The new single-use refresh token.")] string? RefreshToken,
    [property: JsonPropertyName("scope"), Description("The granted scopes, space separated.")] string Scope)
{
    public static TokenOutput From(TokenResponse tokens) =>
        new(tokens.AccessToken, tokens.TokenType, tokens.ExpiresIn, tokens.RefreshToken, tokens.Scope);
}
