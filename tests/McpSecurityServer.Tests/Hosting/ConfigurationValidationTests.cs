using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Hosting;

[Collection(ServerProcessGroup.Name)]
/// <summary>A bad setting of any section stops <c>serve</c> with exit code 2 and one message naming the key.</summary>
public sealed class ConfigurationValidationTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "MCPSEC__Tokens__AccessTokenLifetime", "2.00:00:00", "Tokens:AccessTokenLifetime" },
        { "MCPSEC__Tokens__Algorithm", "XS512", "Tokens:Algorithm" },
        { "MCPSEC__Tokens__ClockSkew", "not-a-time-span", "Tokens:ClockSkew" },
        { "MCPSEC__Tokens__AccesTokenLifetime", "00:10:00", "Tokens:AccesTokenLifetime" },
        { "MCPSEC__Tokenz__Issuer", "http://localhost", "Tokenz" },
        { "MCPSEC__Mcp__AllowedOrigins__0", "not an origin", "Mcp:AllowedOrigins:0" },
        { "MCPSEC__Handoff__SignOff__MinimumSecurityScore", "1.5", "Handoff:SignOff:MinimumSecurityScore" },
        { "MCPSEC__Handoff__SignOff__MinimumScore", "0.5", "Handoff:SignOff:MinimumScore" },
        { "MCPSEC__Handoff__SignOff__RoleTwoFactorDecisions__boss__0", "approved", "Handoff:SignOff:RoleTwoFactorDecisions:boss" },
        { "MCPSEC__Identity__Roles__Permissions__developer__0", "handoff:delete", "Identity:Roles:Permissions:developer:0" },
        { "MCPSEC__Identity__Roles__Permissions__admin__0", "audit:read", "Identity:Roles:Permissions:admin" },
        { "MCPSEC__Identity__Roles__Permision__developer__0", "audit:read", "Identity:Roles:Permision" },
        { "MCPSEC__Identity__Lockout__MaxFailedAttempts", "0", "Identity:Lockout:MaxFailedAttempts" },
        { "MCPSEC__Identity__Lockout__Duration", "forever", "Identity:Lockout:Duration" },
        { "MCPSEC__Identity__Sessions__IdleTimeout", "00:00:05", "Identity:Sessions:IdleTimeout" },
        { "MCPSEC__Identity__Sessions__AbsoluteTimeout", "00:10:00", "Identity:Sessions:AbsoluteTimeout" },
        { "MCPSEC__Identity__Sessions__IdelTimeout", "00:20:00", "Identity:Sessions:IdelTimeout" },
        { "MCPSEC__RateLimiting__Policies__api__Algorithm", "leaky_bucket", "RateLimiting:Policies:api:Algorithm" },
        { "MCPSEC__RateLimiting__Policies__login-address__BypassRoles__0", "admin", "RateLimiting:Policies:login-address:BypassRoles" },
        { "MCPSEC__RateLimiting__Policies__api__Limt", "5", "RateLimiting:Policies:api:Limt" },
        { "MCPSEC__RateLimiting__Ipv6PrefixLength", "200", "RateLimiting:Ipv6PrefixLength" },
        { "MCPSEC__RateLimiting__Limits", "5", "RateLimiting:Limits" },
        { "MCPSEC__Redis__Configuration", ",,,", "Redis:Configuration" },
        { "MCPSEC__Alerting__PagerDuty__Enabled", "true", "Alerting:PagerDuty:RoutingKey" },
        { "MCPSEC__Alerting__PagerDuty__Url", "http://events.pagerduty.com/v2/enqueue", "Alerting:PagerDuty:Url" },
        { "MCPSEC__Alerting__PagerDuty__MinimumSeverity", "urgent", "Alerting:PagerDuty:MinimumSeverity" },
        { "MCPSEC__Alerting__PagerDuty__MaxAttempts", "many", "Alerting:PagerDuty:MaxAttempts" },
        { "MCPSEC__Alerting__PagerDuty__RoutingKy", "x", "Alerting:PagerDuty:RoutingKy" },
        { "MCPSEC__Alerting__Slack__Url", "https://hooks.example.com", "Alerting:Slack" },
        { "MCPSEC__Detection__BruteForce__Threshold", "0", "Detection:BruteForce:Threshold" },
        { "MCPSEC__Detection__CredentialStuffing__Responses__0", "lock_account", "Detection:CredentialStuffing:Responses:0" },
        { "MCPSEC__Detection__AllowList__0", "not-an-address", "Detection:AllowList:0" },
        { "MCPSEC__Detection__RateLimitStorm__Treshold", "5", "Detection:RateLimitStorm:Treshold" },
        { "MCPSEC__Detection__Enumeration__Window", "soon", "Detection:Enumeration" },
        { "MCPSEC__Detection__Sensitivity", "high", "Detection:Sensitivity" },
        { "MCPSEC__Metrics__AllowedNetworks__0", "10.0.0.1/8", "Metrics:AllowedNetworks:0" },
        { "MCPSEC__Metrics__AllowedNetworks__0", "not-a-network", "Metrics:AllowedNetworks:0" },
        { "MCPSEC__Metrics__Enabeld", "true", "Metrics:Enabeld" },
        { "MCPSEC__Metrics__AllowBearer", "sometimes", "Metrics:AllowBearer" },
        { "MCPSEC__Proxy__TrustedProxies__0", "10.0.0.0/99", "Proxy:TrustedProxies:0" },
        { "MCPSEC__Logging__MinimumLevel", "Loud", "Logging:MinimumLevel" },
        { "MCPSEC__Logging__LogLevel__Default", "Warning", "Logging:LogLevel" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Serve_BadSetting_ExitsNonZeroNamingTheKeyWithoutStackTrace(string variable, string value, string key)
    {
        using var data = new TempDirectory("config");

        var result = await ServerProcess.RunAsync(
            ["serve", "--data-dir", data.Path, "--urls", $"http://127.0.0.1:{ServerProcess.FreePort()}"],
            new Dictionary<string, string> { [variable] = value });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(key, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", result.StandardOutput);
    }

    [Fact]
    public async Task Serve_Hs256KeyTooShort_ExitsNonZeroNamingTheKeyButNotItsValue()
    {
        using var data = new TempDirectory("config-hs256");
        const string shortKey = "c2hvcnQta2V5LW9ubHk";

        var result = await ServerProcess.RunAsync(
            ["serve", "--data-dir", data.Path, "--urls", $"http://127.0.0.1:{ServerProcess.FreePort()}"],
            new Dictionary<string, string> { ["MCPSEC__Tokens__Algorithm"] = "HS256", ["MCPSEC__Tokens__HmacKey"] = shortKey });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Tokens:HmacKey", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain(shortKey, result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_CommandLineOverride_WinsOverEnvironment()
    {
        using var data = new TempDirectory("config-layers");

        // The environment says 10 minutes (valid); the command line says 2 days (invalid) and must win.
        var result = await ServerProcess.RunAsync(
            ["serve", "--data-dir", data.Path, "--urls", $"http://127.0.0.1:{ServerProcess.FreePort()}", "--Tokens:AccessTokenLifetime=2.00:00:00"],
            new Dictionary<string, string> { ["MCPSEC__Tokens__AccessTokenLifetime"] = "00:10:00" });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Tokens:AccessTokenLifetime", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WeakBootstrapAdminPassword_ExitsNonZeroNamingTheKeyWithoutStackTrace()
    {
        using var data = new TempDirectory("config-bootstrap");

        var result = await ServerProcess.RunAsync(
            ["serve", "--data-dir", data.Path, "--urls", $"http://127.0.0.1:{ServerProcess.FreePort()}"],
            new Dictionary<string, string> { ["MCPSEC__Bootstrap__AdminPassword"] = "password" });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Bootstrap:AdminPassword", result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }
}
