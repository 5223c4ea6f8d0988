using McpSecurity.Tests.Server.Infrastructure;

namespace McpSecurity.Tests.Server.Hosting;

[Collection(ServerProcessGroup.Name)]
public sealed class RateLimitConfigurationTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "MCPSEC__RateLimiting__Policies__api__Algorithm", "leaky_bucket", "RateLimiting:Policies:api:Algorithm" },
        { "MCPSEC__RateLimiting__Policies__login-address__BypassRoles__0", "admin", "RateLimiting:Policies:login-address:BypassRoles" },
        { "MCPSEC__RateLimiting__Policies__api__Limt", "5", "RateLimiting:Policies:api:Limt" },
        { "MCPSEC__RateLimiting__Ipv6PrefixLength", "200", "RateLimiting:Ipv6PrefixLength" },
        { "MCPSEC__RateLimiting__Limits", "5", "RateLimiting:Limits" },
        { "MCPSEC__Redis__Configuration", ",,,", "Redis:Configuration" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task Serve_BadRateLimitSetting_ExitsNonZeroNamingTheKey(string variable, string value, string key)
    {
        using var data = new TempDirectory("config-ratelimit");

        var result = await ServerProcess.RunAsync(
            ["serve", "--data-dir", data.Path, "--urls", $"http://127.0.0.1:{ServerProcess.FreePort()}"],
            new Dictionary<string, string> { [variable] = value });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(key, result.StandardError, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StandardError, StringComparison.Ordinal);
    }
}
