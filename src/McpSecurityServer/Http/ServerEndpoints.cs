using McpSecurity.SecurityCore.Tokens;
using Microsoft.Extensions.Options;

namespace McpSecurity.Server.Http;

/// <summary>The public URLs of this server, derived from the configured issuer (<c>Tokens:Issuer</c>).</summary>
internal sealed class ServerEndpoints(IOptions<TokenOptions> tokenOptions)
{
    public const string McpPath = "/mcp";
    public const string TokenPath = "/oauth/token";
    public const string RevocationPath = "/oauth/revoke";
    public const string IntrospectionPath = "/oauth/introspect";
    public const string JwksPath = "/.well-known/jwks.json";
    public const string AuthorizationServerMetadataPath = "/.well-known/oauth-authorization-server";
    public const string ProtectedResourceMetadataPath = "/.well-known/oauth-protected-resource";
    public const string LoginPath = "/api/v1/auth/login";
    public const string ChangePasswordPath = "/api/v1/auth/change-password";

    /// <summary>Gets the issuer exactly as tokens carry it.</summary>
    public string Issuer => tokenOptions.Value.Issuer;

    /// <summary>Gets the audience: the resource identifier of <c>/mcp</c> (RFC 8707).</summary>
    public string Audience => tokenOptions.Value.Audience;

    /// <summary>Gets the scheme and authority every endpoint URL starts with.</summary>
    public string BaseUrl => Uri.TryCreate(Issuer, UriKind.Absolute, out var uri)
        ? uri.GetLeftPart(UriPartial.Authority)
        : Issuer.TrimEnd('/');

    /// <summary>Gets the absolute URL of a path on this server.</summary>
    public string Url(string path) => BaseUrl + path;
}
