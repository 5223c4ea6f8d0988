using System.Text.Json.Serialization;

namespace McpSecurity.Server.Http;

/// <summary>RFC 6749 section 5.2 error responses: <c>{"error", "error_description"}</c>, never cached.</summary>
internal static class OAuthErrors
{
    public const string InvalidRequest = "invalid_request";
    public const string InvalidClient = "invalid_client";
    public const string InvalidGrant = "invalid_grant";
    public const string UnsupportedGrantType = "unsupported_grant_type";
    public const string ServerError = "server_error";

    /// <summary>Creates an RFC 6749 error result; <c>invalid_client</c> answers 401, the rest 400 unless given.</summary>
    public static IResult Result(HttpContext context, string error, string description, int? status = null, bool basicChallenge = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        var code = status ?? (error == InvalidClient ? StatusCodes.Status401Unauthorized : StatusCodes.Status400BadRequest);
        NoStore(context.Response);
        if (code == StatusCodes.Status401Unauthorized && basicChallenge)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"mcp-security-server\", charset=\"UTF-8\"";
        }

        return Results.Json(new OAuthError(error, Sanitize(description)), WireJson.Options, statusCode: code);
    }

    /// <summary>Writes an RFC 6749 error directly (for middleware).</summary>
    public static Task WriteAsync(HttpContext context, int status, string error, string description)
    {
        ArgumentNullException.ThrowIfNull(context);
        NoStore(context.Response);
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new OAuthError(error, Sanitize(description)), WireJson.Options, context.RequestAborted);
    }

    /// <summary>Marks a response as not cacheable (RFC 6749 section 5.1).</summary>
    public static void NoStore(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }

    // RFC 6749 limits error_description to printable ASCII without '"' and '\'.
    private static string Sanitize(string description) =>
        new(description.Select(c => c is >= ' ' and <= '~' && c != '"' && c != '\\' ? c : '\'').ToArray());

    private sealed record OAuthError(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("error_description")] string ErrorDescription);
}
