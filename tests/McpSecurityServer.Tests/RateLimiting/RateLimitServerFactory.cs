using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.RateLimiting;

/// <summary>A server with a tight <c>me</c> policy (3 a minute per principal on <c>/api/v1/me</c>, fixed window) and tight MCP and login limits.</summary>
public sealed class RateLimitServerFactory : AdminServerFactory
{
    public const int MeLimit = 3;
    public const int ToolLimit = 2;
    public const int LoginLimit = 2;

    public RateLimitServerFactory(bool adminBypasses = true)
    {
        Settings["RateLimiting:Policies:me:Algorithm"] = "fixed_window";
        Settings["RateLimiting:Policies:me:Limit"] = MeLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["RateLimiting:Policies:me:Period"] = "00:01:00";
        Settings["RateLimiting:Policies:me:KeyBy:0"] = "principal";
        Settings["RateLimiting:Policies:me:Endpoints:0"] = "/api/v1/me";
        if (!adminBypasses)
        {
            Settings["RateLimiting:Policies:me:BypassRoles:0"] = "none";
        }

        Settings["RateLimiting:Policies:mcp-tool:Limit"] = ToolLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["RateLimiting:Policies:mcp-tool:Burst"] = ToolLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["RateLimiting:Policies:login-user:Limit"] = LoginLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settings["RateLimiting:Policies:login-user:Burst"] = LoginLimit.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
