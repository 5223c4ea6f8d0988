using McpSecurity.SecurityCore.Identity;
using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Http;

/// <summary>The OAuth-style endpoints: token (RFC 6749), revocation (RFC 7009) and introspection (RFC 7662).</summary>
internal static class OAuthEndpoints
{
    private static readonly string[] SingleValued =
        ["grant_type", "refresh_token", "scope", "client_id", "client_secret", "token", "token_type_hint"];

    public static IEndpointRouteBuilder MapOAuthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var oauth = endpoints.MapGroup("/oauth").AllowAnonymous().AddEndpointFilter<OAuthSecurityExceptionFilter>();
        oauth.MapPost("/token", TokenAsync);
        oauth.MapPost("/revoke", RevokeAsync);
        oauth.MapPost("/introspect", IntrospectAsync);
        return endpoints;
    }

    private static async Task<IResult> TokenAsync(HttpContext context, ITokenGrantService grants, IClientService clients)
    {
        var (form, error) = await ReadFormAsync(context);
        if (form is null)
        {
            return error!;
        }

        var credentials = ClientCredentialsReader.Read(context, form, out error);
        if (error is not null)
        {
            return error;
        }

        var scope = form["scope"].ToString();
        if (scope.Length > InputLimits.Scope)
        {
            return OAuthErrors.Result(context, OAuthErrors.InvalidRequest, $"scope must be at most {InputLimits.Scope} characters.");
        }

        TokenGrantResult result;
        switch (form["grant_type"].ToString())
        {
            case "client_credentials":
                if (credentials is null)
                {
                    return OAuthErrors.Result(context, OAuthErrors.InvalidClient,
                        "client_credentials needs client authentication: HTTP Basic or client_id and client_secret.", basicChallenge: true);
                }

                result = await grants.ClientCredentialsAsync(credentials.ClientId, credentials.ClientSecret, NullIfEmpty(scope), RequestFacts.For(context), context.RequestAborted);
                break;

            case "refresh_token":
                var refreshToken = form["refresh_token"].ToString();
                if (refreshToken.Length == 0 || refreshToken.Length > InputLimits.Token)
                {
                    return OAuthErrors.Result(context, OAuthErrors.InvalidRequest, "refresh_token is required.");
                }

                var clientId = NullIfEmpty(form["client_id"].ToString());
                if (credentials is not null)
                {
                    var client = await clients.AuthenticateAsync(credentials.ClientId, credentials.ClientSecret, context.RequestAborted);
                    if (client is null)
                    {
                        return OAuthErrors.Result(context, OAuthErrors.InvalidClient, "Client authentication failed.", basicChallenge: credentials.ViaBasic);
                    }

                    clientId = client.ClientId;
                }

                result = await grants.RefreshAsync(refreshToken, clientId, RequestFacts.For(context), context.RequestAborted);
                break;

            case "":
                return OAuthErrors.Result(context, OAuthErrors.InvalidRequest, "grant_type is required.");

            case "password":
                return OAuthErrors.Result(context, OAuthErrors.UnsupportedGrantType,
                    $"The password grant is not offered here; users sign in with POST {ServerEndpoints.LoginPath}.");

            default:
                return OAuthErrors.Result(context, OAuthErrors.UnsupportedGrantType, "Supported grant types: client_credentials, refresh_token.");
        }

        if (result.Tokens is { } tokens)
        {
            OAuthErrors.NoStore(context.Response);
            return Results.Json(TokenResponseBody.From(tokens), WireJson.Options);
        }

        var oauthError = result.OAuthError ?? OAuthErrors.InvalidGrant;
        return OAuthErrors.Result(context, oauthError, result.Message ?? "The grant was refused.", basicChallenge: credentials?.ViaBasic == true);
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, ITokenGrantService grants, IClientService clients)
    {
        var (form, error) = await ReadFormAsync(context);
        if (form is null)
        {
            return error!;
        }

        var (actor, callerError) = await AuthenticateCallerAsync(context, form, clients);
        if (callerError is not null)
        {
            return callerError;
        }

        var token = form["token"].ToString();
        var hint = NullIfEmpty(form["token_type_hint"].ToString());
        if (token.Length == 0 || token.Length > InputLimits.Token || hint?.Length > InputLimits.TokenTypeHint)
        {
            return OAuthErrors.Result(context, OAuthErrors.InvalidRequest, "token is required (and token_type_hint, when given, is short).");
        }

        await grants.RevokeAsync(token, hint, actor, RequestFacts.For(context), context.RequestAborted);
        OAuthErrors.NoStore(context.Response);
        return Results.Ok();
    }

    private static async Task<IResult> IntrospectAsync(HttpContext context, ITokenGrantService grants, IClientService clients)
    {
        var (form, error) = await ReadFormAsync(context);
        if (form is null)
        {
            return error!;
        }

        var (_, callerError) = await AuthenticateCallerAsync(context, form, clients);
        if (callerError is not null)
        {
            return callerError;
        }

        var token = form["token"].ToString();
        if (token.Length == 0)
        {
            return OAuthErrors.Result(context, OAuthErrors.InvalidRequest, "token is required.");
        }

        OAuthErrors.NoStore(context.Response);
        if (token.Length > InputLimits.Token)
        {
            return Results.Json(new { active = false }, WireJson.Options);
        }

        var introspection = grants.Introspect(token);
        return introspection.Active
            ? Results.Json(IntrospectionBody.From(introspection), WireJson.Options)
            : Results.Json(new { active = false }, WireJson.Options);
    }

    // The caller of revocation and introspection: an authenticated client, or the subject of a valid bearer token.
    private static async Task<(string? Actor, IResult? Error)> AuthenticateCallerAsync(HttpContext context, IFormCollection form, IClientService clients)
    {
        var credentials = ClientCredentialsReader.Read(context, form, out var error);
        if (error is not null)
        {
            return (null, error);
        }

        if (credentials is not null)
        {
            var client = await clients.AuthenticateAsync(credentials.ClientId, credentials.ClientSecret, context.RequestAborted);
            return client is null
                ? (null, OAuthErrors.Result(context, OAuthErrors.InvalidClient, "Client authentication failed.", basicChallenge: credentials.ViaBasic))
                : (client.ClientId, null);
        }

        if (CallerClaims.ToCaller(context.User) is { } caller)
        {
            return (caller.Subject, null);
        }

        var bearerFailure = context.Features.Get<BearerTokenFailure>();
        if (bearerFailure is not null)
        {
            context.Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{bearerFailure.Code}\"";
        }

        var result = OAuthErrors.Result(context, OAuthErrors.InvalidClient,
            bearerFailure is null
                ? "Authenticate with client credentials (HTTP Basic or client_id and client_secret) or a bearer token."
                : $"The bearer token was refused ({bearerFailure.Code}).",
            basicChallenge: bearerFailure is null);
        return (null, result);
    }

    private static async Task<(IFormCollection? Form, IResult? Error)> ReadFormAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            return (null, OAuthErrors.Result(context, OAuthErrors.InvalidRequest, "The body must be application/x-www-form-urlencoded."));
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return (null, OAuthErrors.Result(context, OAuthErrors.InvalidRequest, "The form body is malformed or too large."));
        }

        foreach (var name in SingleValued)
        {
            if (form[name].Count > 1)
            {
                return (null, OAuthErrors.Result(context, OAuthErrors.InvalidRequest, $"The parameter {name} is repeated."));
            }
        }

        return (form, null);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
