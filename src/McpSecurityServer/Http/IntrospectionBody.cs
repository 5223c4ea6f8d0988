using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Http;

/// <summary>An active RFC 7662 introspection response (an inactive one is only <c>{"active": false}</c>).</summary>
internal sealed record IntrospectionBody
{
    [JsonPropertyName("active")] public bool Active { get; init; } = true;
    [JsonPropertyName("token_type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TokenType { get; init; }
    [JsonPropertyName("scope"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Scope { get; init; }
    [JsonPropertyName("client_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? ClientId { get; init; }
    [JsonPropertyName("sub"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Subject { get; init; }
    [JsonPropertyName("exp"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? ExpiresAt { get; init; }
    [JsonPropertyName("iat"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? IssuedAt { get; init; }
    [JsonPropertyName("nbf"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public long? NotBefore { get; init; }
    [JsonPropertyName("iss"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Issuer { get; init; }
    [JsonPropertyName("aud"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? Audiences { get; init; }
    [JsonPropertyName("jti"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TokenId { get; init; }
    [JsonPropertyName("sid"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? SessionId { get; init; }
    [JsonPropertyName("roles"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public IReadOnlyList<string>? Roles { get; init; }

    public static IntrospectionBody From(TokenIntrospection introspection)
    {
        ArgumentNullException.ThrowIfNull(introspection);
        var token = introspection.Token;
        return new IntrospectionBody
        {
            TokenType = introspection.TokenType,
            Scope = token is null ? null : string.Join(' ', token.Scopes),
            ClientId = token?.ClientId,
            Subject = token?.Subject,
            ExpiresAt = token?.ExpiresAt.ToUnixTimeSeconds(),
            IssuedAt = token?.IssuedAt.ToUnixTimeSeconds(),
            NotBefore = token?.NotBefore.ToUnixTimeSeconds(),
            Issuer = token?.Issuer,
            Audiences = token?.Audiences,
            TokenId = token?.TokenId,
            SessionId = token?.SessionId,
            Roles = token?.Roles,
        };
    }
}
