using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.RateLimiting;
using McpSecurity.Server.Authorization;
using McpSecurity.Server.Http;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace McpSecurity.Server.Mcp;

/// <summary>The rate-limit tools of the MCP face: thin calls into <see cref="IRateLimiter"/>.</summary>
[McpServerToolType]
internal sealed class RateLimitTools(IRateLimiter limiter, IRateLimitPolicyOverrides overrides, McpCallerResolver callers, ILogger<RateLimitTools> logger)
{
    [McpServerTool(Name = "check_rate", Title = "Check a rate limit", UseStructuredContent = true, OutputSchemaType = typeof(RateLimitCheckOutput),
        ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false)]
    [RequiresPermission(Permissions.RateLimitCheck)]
    [Description("Checks one key against one rate-limit policy: a dry run by default, or consume=true to count a request. Answers allowed, " +
        "limit, remaining, reset_after and retry_after (seconds). A key of several parts (policy key_by) separates them with '|'. " +
        "Login, two-factor and token policies also need ratelimit:configure.")]
    public Task<CallToolResult> CheckRateAsync(
        [Description("The policy name (GET /api/v1/ratelimit/policies lists them)."), StringLength(InputLimits.RateLimitPolicy)] string policy,
        [Description("The key, for example a user id or an address."), StringLength(InputLimits.RateLimitKey)] string key,
        [Description("Count the request (true) or only look (false, default).")] bool consume = false,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "check_rate", async () =>
        {
            var caller = await callers.RequireAsync(cancellationToken);
            var decision = await limiter.CheckKeyForCallerAsync(
                caller.Subject, ToolInput.Require(policy, nameof(policy), InputLimits.RateLimitPolicy), ToolInput.Require(key, nameof(key), InputLimits.RateLimitKey),
                consume, cancellationToken);
            return RateLimitCheckOutput.From(decision);
        });

    [McpServerTool(Name = "get_rate_limit_status", Title = "My rate-limit standing", UseStructuredContent = true, OutputSchemaType = typeof(RateLimitStatusOutput),
        ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresCaller]
    [Description("Shows the caller's own standing in every policy keyed by user, client, principal or address (nothing is consumed).")]
    public Task<CallToolResult> GetRateLimitStatusAsync(CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "get_rate_limit_status", async () =>
        {
            var caller = await callers.RequireAsync(cancellationToken);
            return await RateLimitStanding.ForAsync(limiter, caller, callers.RequestContext().Address, cancellationToken);
        });

    [McpServerTool(Name = "set_rate_limit_policy", Title = "Override a rate-limit policy", UseStructuredContent = true, OutputSchemaType = typeof(RateLimitPolicyOutput),
        ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.RateLimitConfigure)]
    [Description("Overrides one policy in force (kept over configuration reloads; with Redis on every instance sharing it, else on this instance until restart): limit, period (seconds), " +
        "burst, algorithm (gcra, sliding_window, fixed_window) and failure_mode (open, closed); give at least one. Validated like " +
        "configuration and audited; the category, keys and bypass roles do not change, so login, two-factor and token policies stay unbypassable.")]
    public Task<CallToolResult> SetRateLimitPolicyAsync(
        [Description("The policy name."), StringLength(InputLimits.RateLimitPolicy)] string policy,
        [Description("Requests per period."), Range(1, 1_000_000)] int? limit = null,
        [Description("The period in seconds."), Range(1, 86_400)] int? period_seconds = null,
        [Description("Requests at once (gcra)."), Range(1, 1_000_000)] int? burst = null,
        [Description("gcra, sliding_window or fixed_window."), StringLength(32)] string? algorithm = null,
        [Description("open (local fallback) or closed (refuse) while Redis is down."), StringLength(16)] string? failure_mode = null,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "set_rate_limit_policy", async () =>
        {
            var change = new RateLimitPolicyChange
            {
                Limit = limit,
                Period = period_seconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
                Burst = burst,
                Algorithm = ToolInput.Optional(algorithm, nameof(algorithm), 32),
                FailureMode = ToolInput.Optional(failure_mode, nameof(failure_mode), 16),
            };
            var updated = await overrides.SetOverrideAsync(ToolInput.Require(policy, nameof(policy), InputLimits.RateLimitPolicy), change, cancellationToken);
            return RateLimitPolicyOutput.From(updated);
        });

    [McpServerTool(Name = "remove_rate_limit_policy_override", Title = "Remove a rate-limit policy override", UseStructuredContent = true, OutputSchemaType = typeof(RateLimitPolicyOutput),
        ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false)]
    [RequiresPermission(Permissions.RateLimitConfigure)]
    [Description("Removes the runtime override of one policy (set_rate_limit_policy), so the configured policy applies again (with Redis on " +
        "every instance sharing it); harmless when there is none. Audited; answers the policy now in force.")]
    public Task<CallToolResult> RemoveRateLimitPolicyOverrideAsync(
        [Description("The policy name."), StringLength(InputLimits.RateLimitPolicy)] string policy,
        CancellationToken cancellationToken = default) =>
        ToolResults.RunAsync(logger, "remove_rate_limit_policy_override", async () =>
            RateLimitPolicyOutput.From(await overrides.RemoveOverrideAsync(ToolInput.Require(policy, nameof(policy), InputLimits.RateLimitPolicy), cancellationToken)));
}
