using McpSecurity.SecurityCore;

namespace McpSecurity.Server.Http;

/// <summary>Refuses any request that carries a token in its query string (<c>access_token</c>, <c>token</c>, <c>*_token</c>).</summary>
/// <remarks>URLs end up in logs, proxies and browser histories; RFC 6750 section 2.3 query tokens are not supported.</remarks>
internal sealed class QueryStringTokenGuardMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var key in context.Request.Query.Keys)
        {
            if (IsTokenParameter(key))
            {
                return Refuse(context, key);
            }
        }

        return next(context);
    }

    internal static bool IsTokenParameter(string key) =>
        key.Equals("token", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("_token", StringComparison.OrdinalIgnoreCase)
        || key.EndsWith("-token", StringComparison.OrdinalIgnoreCase);

    private static Task Refuse(HttpContext context, string key)
    {
        var message = $"Tokens are not accepted in the query string (parameter '{key}'); send them in the Authorization header or the request body.";
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.Path.StartsWithSegments("/oauth", StringComparison.OrdinalIgnoreCase))
        {
            return OAuthErrors.WriteAsync(context, StatusCodes.Status400BadRequest, OAuthErrors.InvalidRequest, message);
        }

        return ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, SecurityErrorCodes.TokenInQuery, message,
            new Dictionary<string, object?> { ["parameter"] = key });
    }
}
