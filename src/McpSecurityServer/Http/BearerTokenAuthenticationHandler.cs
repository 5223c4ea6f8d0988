using System.Text.Encodings.Web;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Tokens;
using McpSecurity.Server.Mcp;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace McpSecurity.Server.Http;

/// <summary>Authenticates <c>Authorization: Bearer</c> access tokens with <see cref="IAccessTokenValidator"/>.</summary>
/// <remarks>
/// Challenges answer 401 with an RFC 6750 / RFC 9728 <c>WWW-Authenticate</c> header (no <c>error</c> attribute when no
/// token was sent) and the error envelope; forbidden answers 403 with <c>error="insufficient_scope"</c>.
/// </remarks>
internal sealed class BearerTokenAuthenticationHandler(
    IOptionsMonitor<BearerTokenAuthenticationOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IAccessTokenValidator validator,
    ServerEndpoints endpoints,
    IOptions<McpEndpointOptions> mcpOptions)
    : AuthenticationHandler<BearerTokenAuthenticationOptions>(options, loggerFactory, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0 || !header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            // No bearer token: anonymous (other schemes such as Basic belong to the OAuth endpoints).
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var token = header[BearerPrefix.Length..].Trim();
        if (token.Length == 0)
        {
            return Task.FromResult(Refuse(SecurityErrorCodes.TokenMalformed, "The bearer token is empty."));
        }

        var result = validator.Validate(token);
        if (!result.IsValid || result.Token is null)
        {
            return Task.FromResult(Refuse(result.ErrorCode ?? SecurityErrorCodes.TokenMalformed, result.Message ?? "The access token is not valid."));
        }

        var principal = CallerClaims.ToPrincipal(result.Token, Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = Context.Features.Get<BearerTokenFailure>();
        var metadata = endpoints.Url(ServerEndpoints.ProtectedResourceMetadataPath);
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.CacheControl = "no-store";
        Response.Headers.WWWAuthenticate = failure is null
            ? $"Bearer resource_metadata=\"{metadata}\""
            : $"Bearer error=\"invalid_token\", error_description=\"{failure.Code}\", resource_metadata=\"{metadata}\"";
        var code = failure?.Code ?? SecurityErrorCodes.AuthRequired;
        var message = failure?.Message ?? "This endpoint needs an access token: send 'Authorization: Bearer <token>'.";
        await Response.WriteAsJsonAsync(ApiErrors.Envelope(Context, code, message), WireJson.Options, Context.RequestAborted);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var metadata = endpoints.Url(ServerEndpoints.ProtectedResourceMetadataPath);
        var scope = Request.Path.StartsWithSegments(ServerEndpoints.McpPath) ? mcpOptions.Value.RequiredScope : "";
        Response.StatusCode = StatusCodes.Status403Forbidden;
        Response.Headers.CacheControl = "no-store";
        Response.Headers.WWWAuthenticate = scope.Length > 0
            ? $"Bearer error=\"insufficient_scope\", scope=\"{scope}\", resource_metadata=\"{metadata}\""
            : $"Bearer error=\"insufficient_scope\", resource_metadata=\"{metadata}\"";
        await Response.WriteAsJsonAsync(
            ApiErrors.Envelope(Context, SecurityErrorCodes.InsufficientPermissions, "The access token lacks the scope or role this endpoint needs."),
            WireJson.Options,
            Context.RequestAborted);
    }

    private AuthenticateResult Refuse(string code, string message)
    {
        Context.Features.Set(new BearerTokenFailure(code, message));
        return AuthenticateResult.Fail(code);
    }
}
