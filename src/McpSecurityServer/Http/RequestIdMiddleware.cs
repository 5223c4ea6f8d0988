namespace McpSecurity.Server.Http;

/// <summary>Echoes the request id (the one in every log line and error envelope) in <c>X-Request-Id</c>.</summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Request-Id";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers[HeaderName] = context.TraceIdentifier;
        return next(context);
    }
}
