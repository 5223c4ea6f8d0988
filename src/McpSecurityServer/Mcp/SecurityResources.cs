using System.ComponentModel;
using System.Text.Json;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Server.Http;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace McpSecurity.Server.Mcp;

/// <summary>The resources of the MCP face: public keys and the non-secret authentication settings.</summary>
[McpServerResourceType]
internal sealed class SecurityResources(ISigningKeyService keys, IOptions<TokenOptions> tokenOptions, IOptions<McpEndpointOptions> mcpOptions, ServerEndpoints endpoints)
{
    [McpServerResource(UriTemplate = "security://jwks", Name = "jwks", Title = "JSON Web Key Set", MimeType = "application/json")]
    [Description("The public keys (RFC 7517 JWK Set) that verify this server's access tokens; never private parts.")]
    public string Jwks() => keys.GetJwks().ToJsonString();

    [McpServerResource(UriTemplate = "security://auth/config", Name = "auth_config", Title = "Authentication settings", MimeType = "application/json")]
    [Description("The non-secret authentication settings: issuer, audience, algorithm, lifetimes, clock skew and endpoints.")]
    public string AuthConfig() =>
        JsonSerializer.Serialize(AuthConfigDocument.Create(tokenOptions.Value, mcpOptions.Value, endpoints), WireJson.Options);
}
