using McpSecurity.SecurityCore.Tokens;

namespace McpSecurity.Server.Http;

/// <summary>Facts about an HTTP request that SecurityCore records in its events.</summary>
internal static class RequestFacts
{
    public static TokenRequestContext For(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TokenRequestContext(context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier)
        {
            UserAgent = context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
        };
    }
}
