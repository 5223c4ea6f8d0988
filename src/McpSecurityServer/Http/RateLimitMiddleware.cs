using System.Globalization;
using System.Text.Json;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.RateLimiting;

namespace McpSecurity.Server.Http;

/// <summary>
/// Counts every request to <c>/api</c>, <c>/oauth</c> and <c>/mcp</c> against the rate-limit policies (after authentication,
/// so the principal and roles are known; a password login is counted by the username it attempts). Limited responses carry
/// the rate-limit headers; a refusal answers 429 <c>RATE_LIMIT_EXCEEDED</c> with <c>Retry-After</c>, a fail-closed policy
/// whose store is down 503 <c>RATE_LIMIT_STORE_UNAVAILABLE</c>.
/// </summary>
internal sealed partial class RateLimitMiddleware(RequestDelegate next, IRateLimiter limiter, IPermissionChecker permissions, TimeProvider time, ILogger<RateLimitMiddleware> logger)
{
    private const string LoginPath = "/api/v1/auth/login";
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
        var userId = caller?.Subject;
        if (userId is null && path.Equals(LoginPath, StringComparison.OrdinalIgnoreCase) && HttpMethods.IsPost(context.Request.Method))
        {
            userId = await PeekUsernameAsync(context.Request);
        }

        var request = new RateLimitRequest
        {
            UserId = userId,
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

    /// <summary>Reads the username a login attempts, leaving the body for the endpoint; null when it is not plain JSON.</summary>
    private static async Task<string?> PeekUsernameAsync(HttpRequest request)
    {
        if (request.ContentLength is > MaxPeekBytes || request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        request.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, default, request.HttpContext.RequestAborted);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (string.Equals(property.Name, "username", StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.String)
                    {
                        return property.Value.GetString() is { Length: > 0 and <= 256 } name ? name.Trim().ToLowerInvariant() : null;
                    }
                }
            }

            return null;
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
