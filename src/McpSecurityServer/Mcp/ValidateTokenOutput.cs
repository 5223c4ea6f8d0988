using System.ComponentModel;
using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Mcp;

/// <summary>The introspection-style result of <c>validate_token</c> (RFC 7662 fields plus the refusal code).</summary>
internal sealed record ValidateTokenOutput
{
    [JsonPropertyName("active"), Description("Whether the token is valid now.")]
    public bool Active { get; init; }

    [JsonPropertyName("error_code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Why the token is not active (for example AUTH_TOKEN_EXPIRED).")]
    public string? ErrorCode { get; init; }

    [JsonPropertyName("token_type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("access_token or refresh_token.")]
    public string? TokenType { get; init; }

    [JsonPropertyName("sub"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Subject { get; init; }

    [JsonPropertyName("client_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ClientId { get; init; }

    [JsonPropertyName("scope"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Space separated.")]
    public string? Scope { get; init; }

    [JsonPropertyName("roles"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Roles { get; init; }

    [JsonPropertyName("sid"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SessionId { get; init; }

    [JsonPropertyName("exp"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Expiry, seconds since the epoch.")]
    public long? ExpiresAt { get; init; }

    [JsonPropertyName("iat"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), Description("Issue time, seconds since the epoch.")]
    public long? IssuedAt { get; init; }

    [JsonPropertyName("nbf"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? NotBefore { get; init; }

    [JsonPropertyName("jti"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TokenId { get; init; }

    [JsonPropertyName("kid"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? KeyId { get; init; }

    [JsonPropertyName("iss"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Issuer { get; init; }

    [JsonPropertyName("aud"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Audiences { get; init; }

    public static ValidateTokenOutput From(TokenIntrospection introspection)
    {
        ArgumentNullException.ThrowIfNull(introspection);
        if (!introspection.Active)
        {
            return new ValidateTokenOutput { Active = false, ErrorCode = introspection.ErrorCode };
        }

        var token = introspection.Token;
        return new ValidateTokenOutput
        {
            Active = true,
            TokenType = introspection.TokenType,
            Subject = token?.Subject,
            ClientId = token?.ClientId,
            Scope = token is null ? null : string.Join(' ', token.Scopes),
            Roles = token?.Roles,
            SessionId = token?.SessionId,
            ExpiresAt = token?.ExpiresAt.ToUnixTimeSeconds(),
            IssuedAt = token?.IssuedAt.ToUnixTimeSeconds(),
            NotBefore = token?.NotBefore.ToUnixTimeSeconds(),
            TokenId = token?.TokenId,
            KeyId = token?.KeyId,
            Issuer = token?.Issuer,
            Audiences = token?.Audiences,
        };
    }
}
