using System.Globalization;
using System.Text.Json;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.RateLimiting;

namespace McpSecurity.Server.Http;

/// <summary>
/// Counts every request to <c>/api</c>, <c>/oauth</c> and <c>/mcp</c> against the rate-limit policies (after authentication,
/// so the principal and roles are known; a password login or change is also counted by the username it attempts). Limited responses carry
/// the rate-limit headers; a refusal answers 429 <c>RATE_LIMIT_EXCEEDED</c> with <c>Retry-After</c>, a fail-closed policy
/// whose store is down 503 <c>RATE_LIMIT_STORE_UNAVAILABLE</c>.
/// </summary>
internal sealed partial class RateLimitMiddleware(RequestDelegate next, IRateLimiter limiter, IPermissionChecker permissions, TimeProvider time, ILogger<RateLimitMiddleware> logger)
{
    private const int MaxPeekBytes = 16 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        if (!(path.StartsWithSegments("/api") || path.StartsWithSegments("/oauth") || path.StartsWithSegments("/mcp")))
        {
            await next(context);
            return;
        }

        var caller = CallerClaims.ToCaller(context.User);
        var loginName = caller is null && IsPasswordEntry(path) && HttpMethods.IsPost(context.Request.Method)
            ? await PeekUsernameAsync(context.Request)
            : null;

        var request = new RateLimitRequest
        {
            UserId = caller?.Subject,
            LoginName = loginName,
            ClientId = caller?.ClientId is { Length: > 0 } client ? client : null,
            Address = context.Connection.RemoteIpAddress,
            Endpoint = path.Value,
            // Bypass roles are rights: the roles held now, never the token's possibly stale claim.
            Roles = caller is null ? [] : permissions.GetRoles(caller.Subject),
            RequestId = context.TraceIdentifier,
        };
        var result = await limiter.CheckAsync(request, context.RequestAborted);
        RateLimitHeaders.Apply(context.Response, result, time);
        if (result.Decisive is { Allowed: false } refused)
        {
            var retryAfter = Math.Max(1, RateLimitHeaders.Seconds(refused.RetryAfter));
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            var details = new Dictionary<string, object?> { ["policy"] = refused.Policy.Name, ["retry_after"] = retryAfter };
            if (refused.State == RateLimitStoreState.Unavailable)
            {
                LogUnavailable(logger, refused.Policy.Name, path.Value);
                await ApiErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, SecurityErrorCodes.RateLimitStoreUnavailable,
                    "The rate-limit store is unavailable and this policy fails closed; try again later.", details);
                return;
            }

            await ApiErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, SecurityErrorCodes.RateLimitExceeded,
                $"Too many requests (policy {refused.Policy.Name}); retry after {retryAfter.ToString(CultureInfo.InvariantCulture)} s.", details);
            return;
        }

        await next(context);
    }

    /// <summary>Whether the path takes a username and password without a token (login, the forced password change).</summary>
    private static bool IsPasswordEntry(PathString path)
    {
        // Routing also takes the path with a trailing slash.
        var value = path.Value.AsSpan().TrimEnd('/');
        return value.Equals("/api/v1/auth/login", StringComparison.OrdinalIgnoreCase)
            || value.Equals("/api/v1/auth/change-password", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Reads the username a body attempts, leaving the body for the endpoint; null when it is not small plain JSON with one
    /// username (the endpoint refuses a body naming a property twice, so what is counted is what would be used).
    /// </summary>
    private static async Task<string?> PeekUsernameAsync(HttpRequest request)
    {
        if (request.ContentLength is > MaxPeekBytes || request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        request.EnableBuffering();
        var buffer = new byte[(request.ContentLength is { } length ? (int)length : MaxPeekBytes) + 1];
        try
        {
            // At most MaxPeekBytes, also when the length is not announced (chunked): a bigger body is left to the endpoint.
            var read = await request.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, request.HttpContext.RequestAborted);
            if (read == buffer.Length)
            {
                return null;
            }

            using var document = JsonDocument.Parse(buffer.AsMemory(0, read));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? username = null;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (string.Equals(property.Name, "username", StringComparison.OrdinalIgnoreCase))
                {
                    if (username is not null || property.Value.ValueKind != JsonValueKind.String)
                    {
                        return null;
                    }

                    username = property.Value.GetString();
                }
            }

            return username is { Length: > 0 and <= 256 } ? username : null;
        }
        catch (JsonException)
        {
            // The endpoint answers the bad body; the address policy still counts it.
            return null;
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Warning, Message = "Rate-limit store unavailable: policy {Policy} refused {Path} (fails closed)")]
    private static partial void LogUnavailable(ILogger logger, string policy, string? path);
}
