using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Server.Http;

namespace McpSecurity.Server.Mcp;

/// <summary>The <c>security://auth/config</c> document: settings a client may know, and nothing secret (no keys).</summary>
internal sealed record AuthConfigDocument(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("audience")] string Audience,
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("access_token_lifetime_seconds")] long AccessTokenLifetimeSeconds,
    [property: JsonPropertyName("refresh_token_lifetime_seconds")] long RefreshTokenLifetimeSeconds,
    [property: JsonPropertyName("session_lifetime_seconds")] long SessionLifetimeSeconds,
    [property: JsonPropertyName("clock_skew_seconds")] long ClockSkewSeconds,
    [property: JsonPropertyName("default_scopes")] IReadOnlyList<string> DefaultScopes,
    [property: JsonPropertyName("mcp_required_scope")] string? McpRequiredScope,
    [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypesSupported,
    [property: JsonPropertyName("endpoints")] IReadOnlyDictionary<string, string> Endpoints)
{
    public static AuthConfigDocument Create(TokenOptions tokens, McpEndpointOptions mcp, ServerEndpoints endpoints)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(mcp);
        ArgumentNullException.ThrowIfNull(endpoints);
        return new AuthConfigDocument(
            tokens.Issuer,
            tokens.Audience,
            tokens.Algorithm,
            (long)tokens.AccessTokenLifetime.TotalSeconds,
            (long)tokens.RefreshTokenLifetime.TotalSeconds,
            (long)tokens.SessionLifetime.TotalSeconds,
            (long)tokens.ClockSkew.TotalSeconds,
            tokens.DefaultScopes,
            mcp.RequiredScope.Length == 0 ? null : mcp.RequiredScope,
            ["password", "client_credentials", "refresh_token"],
            new Dictionary<string, string>
            {
                ["mcp"] = endpoints.Url(ServerEndpoints.McpPath),
                ["login"] = endpoints.Url(ServerEndpoints.LoginPath),
                ["change_password"] = endpoints.Url(ServerEndpoints.ChangePasswordPath),
                ["token"] = endpoints.Url(ServerEndpoints.TokenPath),
                ["revocation"] = endpoints.Url(ServerEndpoints.RevocationPath),
                ["introspection"] = endpoints.Url(ServerEndpoints.IntrospectionPath),
                ["jwks"] = endpoints.Url(ServerEndpoints.JwksPath),
                ["authorization_server_metadata"] = endpoints.Url(ServerEndpoints.AuthorizationServerMetadataPath),
                ["protected_resource_metadata"] = endpoints.Url(ServerEndpoints.ProtectedResourceMetadataPath),
            });
    }
}
