using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.RateLimiting;
using McpSecurity.Server.Authorization;

namespace McpSecurity.Server.Http;

/// <summary><c>POST /api/v1/ratelimit/check</c> (ratelimit:check) and <c>GET /api/v1/ratelimit/policies</c> (ratelimit:check).</summary>
internal static class RateLimitEndpoints
{
    public static RouteGroupBuilder MapRateLimitEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/ratelimit/check", CheckAsync).RequirePermission(Permissions.RateLimitCheck);
        api.MapGet("/ratelimit/policies", Policies).RequirePermission(Permissions.RateLimitCheck);
        return api;
    }

    private static async Task<IResult> CheckAsync(HttpContext context, RateLimitCheckRequest? body, IRateLimiter limiter)
    {
        if (string.IsNullOrWhiteSpace(body?.Policy) || body.Policy.Length > InputLimits.RateLimitPolicy)
        {
            return ApiErrors.Validation(context, "policy", $"is required, at most {InputLimits.RateLimitPolicy} characters");
        }

        if (string.IsNullOrWhiteSpace(body.Key))
        {
            return ApiErrors.Validation(context, "key", "is required");
        }

        var decision = await limiter.CheckKeyAsync(body.Policy, body.Key, body.Consume, cancellationToken: context.RequestAborted);
        return Results.Json(RateLimitCheckOutput.From(decision), WireJson.Options);
    }

    private static IResult Policies(IRateLimiter limiter) =>
        Results.Json(new RateLimitPolicyListOutput([.. limiter.Policies.Select(RateLimitPolicyOutput.From)]), WireJson.Options);
}
