using McpSecurity.SecurityCore;

namespace McpSecurity.Server.Http;

/// <summary>Answers a <see cref="SecurityException"/> from an OAuth endpoint in RFC 6749 section 5.2 form.</summary>
internal sealed class OAuthSecurityExceptionFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (SecurityException ex)
        {
            var error = ex.Code switch
            {
                SecurityErrorCodes.InvalidCredentials => OAuthErrors.InvalidClient,
                SecurityErrorCodes.InvalidScope => "invalid_scope",
                SecurityErrorCodes.RefreshTokenInvalid or SecurityErrorCodes.RefreshTokenReused => OAuthErrors.InvalidGrant,
                SecurityErrorCodes.InternalError => OAuthErrors.ServerError,
                _ => OAuthErrors.InvalidRequest,
            };
            var status = error == OAuthErrors.ServerError ? StatusCodes.Status500InternalServerError : (int?)null;
            return OAuthErrors.Result(context.HttpContext, error, ex.Message, status);
        }
    }
}
