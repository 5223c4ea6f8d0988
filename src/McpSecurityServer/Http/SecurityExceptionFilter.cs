using McpSecurity.SecurityCore;

namespace McpSecurity.Server.Http;

/// <summary>Answers a <see cref="SecurityException"/> from a REST endpoint with the error envelope.</summary>
internal sealed class SecurityExceptionFilter : IEndpointFilter
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
            return ApiErrors.FromException(context.HttpContext, ex);
        }
    }
}
