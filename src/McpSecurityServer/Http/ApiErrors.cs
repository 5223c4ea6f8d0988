using McpSecurity.SecurityCore;

namespace McpSecurity.Server.Http;

/// <summary>Writes REST errors in the Phase 6 envelope.</summary>
internal static class ApiErrors
{
    /// <summary>Creates an envelope result with the status that belongs to <paramref name="code"/>.</summary>
    public static IResult Result(HttpContext context, string code, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        Result(context, ErrorStatus.For(code), code, message, details);

    /// <summary>Creates an envelope result with an explicit status.</summary>
    public static IResult Result(HttpContext context, int status, string code, string message, IReadOnlyDictionary<string, object?>? details = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Results.Json(Envelope(context, code, message, details), WireJson.Options, statusCode: status);
    }

    /// <summary>Creates the envelope result for a refusal thrown by SecurityCore.</summary>
    public static IResult FromException(HttpContext context, SecurityException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Result(context, exception.Code, exception.Message, exception.Details);
    }

    /// <summary>Writes an envelope directly (for middleware).</summary>
    public static Task WriteAsync(HttpContext context, int status, string code, string message, IReadOnlyDictionary<string, object?>? details = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(Envelope(context, code, message, details), WireJson.Options, context.RequestAborted);
    }

    /// <summary>Builds the envelope.</summary>
    public static ErrorEnvelope Envelope(HttpContext context, string code, string message, IReadOnlyDictionary<string, object?>? details = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ErrorEnvelope(new ErrorBody(code, message, details, context.TraceIdentifier));
    }

    /// <summary>Creates a validation failure naming the field and the rule.</summary>
    public static IResult Validation(HttpContext context, string field, string rule) =>
        Result(context, StatusCodes.Status400BadRequest, SecurityErrorCodes.ValidationFailed, $"'{field}' {rule}.",
            new Dictionary<string, object?> { ["field"] = field });
}
