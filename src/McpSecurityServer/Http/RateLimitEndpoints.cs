using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.RateLimiting;
using McpSecurity.Server.Authorization;

namespace McpSecurity.Server.Http;

/// <summary>
/// <c>POST /api/v1/ratelimit/check</c> and <c>GET /api/v1/ratelimit/policies</c> (ratelimit:check);
/// <c>PUT</c>/<c>DELETE /api/v1/ratelimit/policies/{name}</c> (ratelimit:configure: set or remove a runtime override, the twin of <c>set_rate_limit_policy</c>).
/// </summary>
internal static class RateLimitEndpoints
{
    public static RouteGroupBuilder MapRateLimitEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/ratelimit/check", CheckAsync).RequirePermission(Permissions.RateLimitCheck);
        api.MapGet("/ratelimit/policies", Policies).RequirePermission(Permissions.RateLimitCheck);
        api.MapPut("/ratelimit/policies/{name}", SetOverrideAsync).RequirePermission(Permissions.RateLimitConfigure);
        api.MapDelete("/ratelimit/policies/{name}", RemoveOverrideAsync).RequirePermission(Permissions.RateLimitConfigure);
        return api;
    }

    private static async Task<IResult> CheckAsync(HttpContext context, IRateLimiter limiter)
    {
        var (body, error) = await RequestInput.ReadJsonAsync<RateLimitCheckRequest>(context);
        if (error is not null)
        {
            return error;
        }

        if (string.IsNullOrWhiteSpace(body!.Policy) || body.Policy.Length > InputLimits.RateLimitPolicy)
        {
            return ApiErrors.Validation(context, "policy", $"is required, at most {InputLimits.RateLimitPolicy} characters");
        }

        if (string.IsNullOrWhiteSpace(body.Key))
        {
            return ApiErrors.Validation(context, "key", "is required");
        }

        var caller = CallerClaims.ToCaller(context.User) ?? throw new SecurityException(SecurityErrorCodes.AuthRequired, "A bearer access token is required.");
        var decision = await limiter.CheckKeyForCallerAsync(caller.Subject, body.Policy, body.Key, body.Consume, context.RequestAborted);
        return Results.Json(RateLimitCheckOutput.From(decision), WireJson.Options);
    }

    private static async Task<IResult> SetOverrideAsync(HttpContext context, string name, IRateLimitPolicyOverrides overrides)
    {
        if (name.Length > InputLimits.RateLimitPolicy)
        {
            return ApiErrors.Validation(context, "name", $"must be at most {InputLimits.RateLimitPolicy} characters");
        }

        var (body, error) = await RequestInput.ReadJsonAsync<RateLimitPolicyChangeRequest>(context);
        if (error is not null)
        {
            return error;
        }

        if ((RequestInput.Optional(context, "algorithm", body!.Algorithm, 32) ?? RequestInput.Optional(context, "failure_mode", body.FailureMode, 16)) is { } invalid)
        {
            return invalid;
        }

        // The same ranges as the tool's arguments; the rest is validated like configuration by the limiter.
        var field = OutOfRange(body.Limit, 1_000_000) ? "limit"
            : OutOfRange(body.PeriodSeconds, 86_400) ? "period_seconds"
            : OutOfRange(body.Burst, 1_000_000) ? "burst"
            : null;
        if (field is not null)
        {
            return ApiErrors.Validation(context, field, "is out of range");
        }

        var change = new RateLimitPolicyChange
        {
            Limit = body.Limit,
            Period = body.PeriodSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            Burst = body.Burst,
            Algorithm = body.Algorithm,
            FailureMode = body.FailureMode,
        };
        var updated = await overrides.SetOverrideAsync(name, change, context.RequestAborted);
        return Results.Json(RateLimitPolicyOutput.From(updated), WireJson.Options);
    }

    private static async Task<IResult> RemoveOverrideAsync(HttpContext context, string name, IRateLimitPolicyOverrides overrides)
    {
        if (name.Length > InputLimits.RateLimitPolicy)
        {
            return ApiErrors.Validation(context, "name", $"must be at most {InputLimits.RateLimitPolicy} characters");
        }

        var policy = await overrides.RemoveOverrideAsync(name, context.RequestAborted);
        return Results.Json(RateLimitPolicyOutput.From(policy), WireJson.Options);
    }

    private static bool OutOfRange(int? value, int max) => value is { } v && (v < 1 || v > max);

    private static IResult Policies(IRateLimiter limiter) =>
        Results.Json(new RateLimitPolicyListOutput([.. limiter.Policies.Select(RateLimitPolicyOutput.From)]), WireJson.Options);
}
