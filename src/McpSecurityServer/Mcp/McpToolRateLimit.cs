using System.Globalization;
using System.Net;
using System.Text.Json;
using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Authorization;
using McpSecurity.SecurityCore.RateLimiting;
using McpSecurity.Server.Http;
using ModelContextProtocol.Protocol;

namespace McpSecurity.Server.Mcp;

/// <summary>
/// Counts a tool call against the policies that cover the tool (per principal and tool by default). An over-limit call
/// answers <c>isError</c> with <c>RATE_LIMITED</c> and <c>retry_after</c> seconds; a fail-closed policy whose store is down
/// <c>RATE_LIMIT_STORE_UNAVAILABLE</c>.
/// </summary>
internal static partial class McpToolRateLimit
{
    /// <summary>Returns the refusal of an over-limit call, or null when the call may run.</summary>
    public static async ValueTask<CallToolResult?> CheckAsync(IServiceProvider services, string tool, Caller? caller, SecurityCore.Tokens.TokenRequestContext origin, CancellationToken cancellationToken)
    {
        var limiter = services.GetRequiredService<IRateLimiter>();
        var permissions = services.GetRequiredService<IPermissionChecker>();
        var request = new RateLimitRequest
        {
            UserId = caller?.Subject,
            ClientId = caller?.ClientId is { Length: > 0 } client ? client : null,
            Address = IPAddress.TryParse(origin.Address, out var address) ? address : null,
            Tool = tool,
            // Bypass roles are rights: the roles held now, never the token's possibly stale claim.
            Roles = caller is null ? [] : permissions.GetRoles(caller.Subject),
            RequestId = origin.RequestId,
        };
        var result = await limiter.CheckAsync(request, cancellationToken);
        if (result.Decisive is not { Allowed: false } refused)
        {
            return null;
        }

        var retryAfter = Math.Max(1, RateLimitHeaders.Seconds(refused.RetryAfter));
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(McpToolRateLimit).FullName!);
        LogRefused(logger, tool, refused.Policy.Name, retryAfter);
        return refused.State == RateLimitStoreState.Unavailable
            ? Error(SecurityErrorCodes.RateLimitStoreUnavailable, "The rate-limit store is unavailable and this policy fails closed; try again later.", refused.Policy.Name, retryAfter)
            : Error(SecurityErrorCodes.RateLimited,
                $"Too many calls of {tool} (policy {refused.Policy.Name}); retry after {retryAfter.ToString(CultureInfo.InvariantCulture)} s.", refused.Policy.Name, retryAfter);
    }

    private static CallToolResult Error(string code, string message, string policy, long retryAfter) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = JsonSerializer.Serialize(new RateLimitToolError(new RateLimitToolErrorBody(code, message, policy, retryAfter)), WireJson.Options) }],
    };

    [LoggerMessage(EventId = 4020, Level = LogLevel.Information, Message = "MCP tool {Tool} rate limited by policy {Policy}; retry after {RetryAfter} s")]
    private static partial void LogRefused(ILogger logger, string tool, string policy, long retryAfter);
}
