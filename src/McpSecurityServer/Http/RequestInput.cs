using System.Text.Json;
using McpSecurity.SecurityCore;

namespace McpSecurity.Server.Http;

/// <summary>Reads and checks request input, answering the Phase 6 envelope on bad input.</summary>
internal static class RequestInput
{
    /// <summary>Reads a JSON body; on failure the second item holds the answer.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpContext context)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.HasJsonContentType())
        {
            return (null, ApiErrors.Result(context, StatusCodes.Status415UnsupportedMediaType, SecurityErrorCodes.ValidationFailed,
                "The request body must be JSON (Content-Type: application/json)."));
        }

        try
        {
            var value = await context.Request.ReadFromJsonAsync<T>(WireJson.Options, context.RequestAborted);
            return value is null
                ? (null, ApiErrors.Result(context, StatusCodes.Status400BadRequest, SecurityErrorCodes.ValidationFailed, "The request body is empty."))
                : (value, null);
        }
        catch (JsonException ex) when (FieldOf(ex.Path) is { } field)
        {
            // The path names the member that failed: one of the wrong type, or one the body type disallows as unknown.
            var known = WireJson.Options.GetTypeInfo(typeof(T)).Properties.Any(p => string.Equals(p.Name, field, StringComparison.Ordinal));
            return (null, ApiErrors.Validation(context, field, known ? "is not of the type this field takes" : "is not a field of this endpoint's body"));
        }
        catch (JsonException)
        {
            return (null, ApiErrors.Result(context, StatusCodes.Status400BadRequest, SecurityErrorCodes.ValidationFailed, "The request body is not valid JSON for this endpoint."));
        }
    }

    // "$.consume" names a top-level field; deeper or odd paths keep the generic answer. Bounded: it is the caller's text.
    private static string? FieldOf(string? path) =>
        path is { Length: > 2 and <= 66 } && path.StartsWith("$.", StringComparison.Ordinal) && path.AsSpan(2).IndexOfAny(".[]'") < 0 ? path[2..] : null;

    /// <summary>Checks that a required string is present and at most <paramref name="maxLength"/> characters.</summary>
    public static IResult? Require(HttpContext context, string field, string? value, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            return ApiErrors.Validation(context, field, "is required");
        }

        return value.Length > maxLength ? ApiErrors.Validation(context, field, $"must be at most {maxLength} characters") : null;
    }

    /// <summary>Checks that an optional string is at most <paramref name="maxLength"/> characters.</summary>
    public static IResult? Optional(HttpContext context, string field, string? value, int maxLength) =>
        value is not null && value.Length > maxLength ? ApiErrors.Validation(context, field, $"must be at most {maxLength} characters") : null;
}
