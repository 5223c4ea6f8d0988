using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Http;

/// <summary>The RFC 6749 section 5.1 token response on the wire.</summary>
internal sealed record TokenResponseBody(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RefreshToken,
    [property: JsonPropertyName("scope")] string Scope)
{
    public static TokenResponseBody From(TokenResponse tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return new TokenResponseBody(tokens.AccessToken, tokens.TokenType, tokens.ExpiresIn, tokens.RefreshToken, tokens.Scope);
    }
}
