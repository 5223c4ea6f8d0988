using McpSecurity.SecurityCore;
using Microsoft.AspNetCore.Diagnostics;

namespace McpSecurity.Server.Http;

/// <summary>The answers of last resort: an unhandled exception or an empty error status becomes an envelope, never a stack trace.</summary>
internal static class UnhandledErrorWriter
{
    /// <summary>The exception handler (UseExceptionHandler): 500 INTERNAL_ERROR with the request id.</summary>
    public static Task WriteExceptionAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        context.Response.Headers.CacheControl = "no-store";
        if (error is SecurityException refusal)
        {
            return ApiErrors.WriteAsync(context, ErrorStatus.For(refusal.Code), refusal.Code, refusal.Message, refusal.Details);
        }

        if (context.Request.Path.StartsWithSegments("/oauth", StringComparison.OrdinalIgnoreCase))
        {
            return OAuthErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, OAuthErrors.ServerError,
                $"An unexpected error occurred (request {context.TraceIdentifier}).");
        }

        return ApiErrors.WriteAsync(context, StatusCodes.Status500InternalServerError, SecurityErrorCodes.InternalError,
            "An unexpected error occurred; the server log has the details under this request id.");
    }

    /// <summary>The status code page (UseStatusCodePages) for errors answered without a body, such as 404 and 405.</summary>
    public static Task WriteStatusAsync(Microsoft.AspNetCore.Diagnostics.StatusCodeContext statusContext)
    {
        ArgumentNullException.ThrowIfNull(statusContext);
        var context = statusContext.HttpContext;
        var status = context.Response.StatusCode;
        var (code, message) = status switch
        {
            StatusCodes.Status404NotFound => (SecurityErrorCodes.NotFound, "No endpoint at this path."),
            StatusCodes.Status405MethodNotAllowed => (SecurityErrorCodes.ValidationFailed, "This endpoint does not accept the HTTP method."),
            StatusCodes.Status401Unauthorized => (SecurityErrorCodes.AuthRequired, "Authentication is required."),
            StatusCodes.Status403Forbidden => (SecurityErrorCodes.InsufficientPermissions, "The request is not allowed."),
            >= 500 => (SecurityErrorCodes.InternalError, "An unexpected error occurred; the server log has the details under this request id."),
            _ => (SecurityErrorCodes.ValidationFailed, "The request is not valid for this endpoint."),
        };
        return ApiErrors.WriteAsync(context, status, code, message);
    }
}
