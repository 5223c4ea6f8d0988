using McpSecurity.SecurityCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace McpSecurity.Tests.SecurityCore.RateLimiting;

public sealed class RateLimitingOptionsValidatorTests
{
    [Theory]
    [InlineData("Policies:p:Algorithm", "leaky", "RateLimiting:Policies:p:Algorithm")]
    [InlineData("Policies:p:Limit", "0", "RateLimiting:Policies:p:Limit")]
    [InlineData("Policies:p:Period", "00:00:00", "RateLimiting:Policies:p:Period")]
    [InlineData("Policies:p:KeyBy:0", "mood", "RateLimiting:Policies:p:KeyBy:0")]
    [InlineData("Policies:p:Burst", "0", "RateLimiting:Policies:p:Burst")]
    [InlineData("Policies:p:Category", "vip", "RateLimiting:Policies:p:Category")]
    [InlineData("Policies:p:FailureMode", "maybe", "RateLimiting:Policies:p:FailureMode")]
    [InlineData("Policies:p:Endpoints:0", "api", "RateLimiting:Policies:p:Endpoints:0")]
    [InlineData("Policies:p:Ipv6PrefixLength", "129", "RateLimiting:Policies:p:Ipv6PrefixLength")]
    [InlineData("Policies:P_bad:Limit", "1", "RateLimiting:Policies:P_bad")]
    [InlineData("Ipv4PrefixLength", "33", "RateLimiting:Ipv4PrefixLength")]
    [InlineData("MaxKeys", "1", "RateLimiting:MaxKeys")]
    [InlineData("Policies:p:Limt", "5", "Limt")]
    [InlineData("Policies:p:Limit", "many", "RateLimiting:Policies:p:Limit")]
    public void StartupCheck_BadValue_FailsNamingTheKey(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:Policies:p:Limit"] = "5",
            ["RateLimiting:Policies:p:Period"] = "00:01:00",
            ["RateLimiting:Policies:p:KeyBy:0"] = "user",
            [$"RateLimiting:{key}"] = value,
        };
        var error = Assert.Throws<OptionsValidationException>(() => StartupCheck(settings));
        Assert.True(error.Failures.Any(f => f.Contains(named, StringComparison.Ordinal)), string.Join(" / ", error.Failures));
    }

    [Fact]
    public void StartupCheck_BypassOnProtectedPolicy_Refused()
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:Policies:login:Category"] = "login",
            ["RateLimiting:Policies:login:Limit"] = "5",
            ["RateLimiting:Policies:login:Period"] = "00:01:00",
            ["RateLimiting:Policies:login:KeyBy:0"] = "address",
            ["RateLimiting:Policies:login:BypassRoles:0"] = "admin",
        };
        var error = Assert.Throws<OptionsValidationException>(() => StartupCheck(settings));
        Assert.Contains(error.Failures, f => f.Contains("RateLimiting:Policies:login:BypassRoles", StringComparison.Ordinal) && f.Contains("never be bypassed", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("login-address", "general")]
    [InlineData("two-factor", "login")]
    [InlineData("token", "general")]
    public void StartupCheck_BuiltInProtectedPolicyGivenAnotherCategory_RefusedNamingTheKey(string policy, string category)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"RateLimiting:Policies:{policy}:Category"] = category,
            [$"RateLimiting:Policies:{policy}:BypassRoles:0"] = "admin",
        };
        var error = Assert.Throws<OptionsValidationException>(() => StartupCheck(settings));
        Assert.Contains(error.Failures, f => f.StartsWith($"RateLimiting:Policies:{policy}:Category: the built-in", StringComparison.Ordinal) && f.Contains("keeps its category", StringComparison.Ordinal));
    }

    [Fact]
    public void StartupCheck_BuiltInProtectedPolicyNamingItsOwnCategory_Passes()
    {
        var options = StartupCheck(new Dictionary<string, string?> { ["RateLimiting:Policies:login-address:Category"] = "login", ["RateLimiting:Policies:login-address:Limit"] = "30" });
        Assert.Equal(30, options.Policies["login-address"].Limit);
    }

    [Fact]
    public void StartupCheck_DefaultsAndGoodPolicy_Pass()
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:Policies:p:Algorithm"] = "sliding_window",
            ["RateLimiting:Policies:p:Limit"] = "5",
            ["RateLimiting:Policies:p:Period"] = "00:01:00",
            ["RateLimiting:Policies:p:KeyBy:0"] = "user",
            ["RateLimiting:Policies:p:KeyBy:1"] = "tool",
            ["RateLimiting:Policies:p:Tools:0"] = "*",
        };
        var options = StartupCheck(settings);
        Assert.Equal(5, options.Policies["p"].Limit);
        Assert.True(RateLimitingOptionsValidator.Check(new RateLimitingOptions()).Succeeded);
    }

    [Fact]
    public void Constructor_BadOptionsWithoutStartupCheck_LimiterRefusesToStart()
    {
        var options = new RateLimitingOptions { Ipv6PrefixLength = 200 };
        var error = Assert.Throws<OptionsValidationException>(() => new RateLimiter(
            new StaticOptionsMonitor<RateLimitingOptions>(options),
            new InMemoryRateLimitStore(1000, TimeSpan.FromMinutes(1), TimeProvider.System, NullLogger.Instance),
            null!, null!, TimeProvider.System, NullLogger<RateLimiter>.Instance));
        Assert.Contains(error.Failures, f => f.Contains("RateLimiting:Ipv6PrefixLength", StringComparison.Ordinal));
    }

    private static RateLimitingOptions StartupCheck(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSecurityRateLimiting(configuration.GetSection(RateLimitingOptions.SectionName), configuration.GetSection("Redis"));
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptionsMonitor<RateLimitingOptions>>().Get(RateLimitingOptionsValidator.StartupCheck);
    }
}
