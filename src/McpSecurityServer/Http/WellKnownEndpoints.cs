using System.Text.Json.Serialization;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Server.Mcp;
using Microsoft.Extensions.Options;

namespace McpSecurity.Server.Http;

/// <summary>The discovery documents: JWKS (RFC 7517), authorization server metadata (RFC 8414), protected resource metadata (RFC 9728).</summary>
internal static class WellKnownEndpoints
{
    private const string ShortCache = "public, max-age=60";

    public static IEndpointRouteBuilder MapWellKnownEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("").AllowAnonymous();
        group.MapGet(ServerEndpoints.JwksPath, Jwks);
        group.MapGet(ServerEndpoints.AuthorizationServerMetadataPath, AuthorizationServer);
        group.MapGet(ServerEndpoints.ProtectedResourceMetadataPath, ProtectedResource);
        group.MapGet(ServerEndpoints.ProtectedResourceMetadataPath + ServerEndpoints.McpPath, ProtectedResource);
        return endpoints;
    }

    private static IResult Jwks(HttpContext context, ISigningKeyService keys)
    {
        context.Response.Headers.CacheControl = ShortCache;
        return Results.Text(keys.GetJwks().ToJsonString(), "application/json");
    }

    private static IResult AuthorizationServer(HttpContext context, ServerEndpoints urls, IOptions<TokenOptions> tokens, IOptions<McpEndpointOptions> mcp)
    {
        context.Response.Headers.CacheControl = ShortCache;
        string[] clientAuth = ["client_secret_basic", "client_secret_post"];
        return Results.Json(new AuthorizationServerMetadata
        {
            Issuer = urls.Issuer,
            TokenEndpoint = urls.Url(ServerEndpoints.TokenPath),
            JwksUri = urls.Url(ServerEndpoints.JwksPath),
            RevocationEndpoint = urls.Url(ServerEndpoints.RevocationPath),
            IntrospectionEndpoint = urls.Url(ServerEndpoints.IntrospectionPath),
            GrantTypesSupported = ["client_credentials", "refresh_token"],
            ResponseTypesSupported = [],
            TokenEndpointAuthMethodsSupported = clientAuth,
            RevocationEndpointAuthMethodsSupported = clientAuth,
            IntrospectionEndpointAuthMethodsSupported = clientAuth,
            ScopesSupported = Scopes(tokens.Value, mcp.Value),
        }, WireJson.Options);
    }

    private static IResult ProtectedResource(HttpContext context, ServerEndpoints urls, IOptions<TokenOptions> tokens, IOptions<McpEndpointOptions> mcp)
    {
        context.Response.Headers.CacheControl = ShortCache;
        return Results.Json(new ProtectedResourceMetadata
        {
            Resource = urls.Audience,
            AuthorizationServers = [urls.Issuer],
            BearerMethodsSupported = ["header"],
            ScopesSupported = Scopes(tokens.Value, mcp.Value),
            ResourceName = "MCP Security Server",
        }, WireJson.Options);
    }

    private static string[] Scopes(TokenOptions tokens, McpEndpointOptions mcp) =>
        [.. tokens.DefaultScopes.Append(mcp.RequiredScope).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal)];

    private sealed record AuthorizationServerMetadata
    {
        [JsonPropertyName("issuer")] public required string Issuer { get; init; }
        [JsonPropertyName("token_endpoint")] public required string TokenEndpoint { get; init; }
        [JsonPropertyName("jwks_uri")] public required string JwksUri { get; init; }
        [JsonPropertyName("revocation_endpoint")] public required string RevocationEndpoint { get; init; }
        [JsonPropertyName("introspection_endpoint")] public required string IntrospectionEndpoint { get; init; }
        [JsonPropertyName("grant_types_supported")] public required IReadOnlyList<string> GrantTypesSupported { get; init; }
        [JsonPropertyName("response_types_supported")] public required IReadOnlyList<string> ResponseTypesSupported { get; init; }
        [JsonPropertyName("token_endpoint_auth_methods_supported")] public required IReadOnlyList<string> TokenEndpointAuthMethodsSupported { get; init; }
        [JsonPropertyName("revocation_endpoint_auth_methods_supported")] public required IReadOnlyList<string> RevocationEndpointAuthMethodsSupported { get; init; }
        [JsonPropertyName("introspection_endpoint_auth_methods_supported")] public required IReadOnlyList<string> IntrospectionEndpointAuthMethodsSupported { get; init; }
        [JsonPropertyName("scopes_supported")] public required IReadOnlyList<string> ScopesSupported { get; init; }
    }

    private sealed record ProtectedResourceMetadata
    {
        [JsonPropertyName("resource")] public required string Resource { get; init; }
        [JsonPropertyName("authorization_servers")] public required IReadOnlyList<string> AuthorizationServers { get; init; }
        [JsonPropertyName("bearer_methods_supported")] public required IReadOnlyList<string> BearerMethodsSupported { get; init; }
        [JsonPropertyName("scopes_supported")] public required IReadOnlyList<string> ScopesSupported { get; init; }
        [JsonPropertyName("resource_name")] public required string ResourceName { get; init; }
    }
}
