using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace McpSecurity.Tests.SecurityCore.RateLimiting;

public sealed class RateLimitPolicyOverridesTests
{
    private static Dictionary<string, string?> PerUser(int limit) => new()
    {
        ["RateLimiting:Policies:per-user:Limit"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:Policies:per-user:Period"] = "00:01:00",
        ["RateLimiting:Policies:per-user:KeyBy:0"] = "user",
    };

    [Fact]
    public async Task SetOverrideAsync_GoodChange_AppliesAuditsAndSurvivesAReload()
    {
        using var context = new RateLimiterTestContext(PerUser(5));
        var overrides = context.Services.GetRequiredService<IRateLimitPolicyOverrides>();

        var policy = await overrides.SetOverrideAsync("per-user", new RateLimitPolicyChange { Limit = 1, Burst = 1 });
        var request = new RateLimitRequest { UserId = "usr_1" };
        var first = await context.Limiter.CheckAsync(request);
        var second = await context.Limiter.CheckAsync(request);
        context.Reload(new Dictionary<string, string?> { ["RateLimiting:Policies:per-user:Period"] = "00:02:00" });

        Assert.Equal(1, policy.Limit);
        Assert.True(first.Allowed);
        Assert.False(second.Allowed);
        var reloaded = Assert.Single(context.Limiter.Policies);
        Assert.Equal(1, reloaded.Limit);
        Assert.Equal(TimeSpan.FromMinutes(2), reloaded.Period);
        Assert.Contains(context.Events.OfType(SecurityEventTypes.RateLimitPoliciesChanged), e => e.Details["source"] == "runtime" && e.Target == "per-user");
    }

    [Fact]
    public async Task SetOverrideAsync_BadChange_IsRefusedNamingTheKeyAndChangesNothing()
    {
        using var context = new RateLimiterTestContext(PerUser(5));
        var overrides = context.Services.GetRequiredService<IRateLimitPolicyOverrides>();

        var bad = await Assert.ThrowsAsync<SecurityException>(() => overrides.SetOverrideAsync("per-user", new RateLimitPolicyChange { Algorithm = "leaky" }));
        var unknown = await Assert.ThrowsAsync<SecurityException>(() => overrides.SetOverrideAsync("nope", new RateLimitPolicyChange { Limit = 1 }));
        var empty = await Assert.ThrowsAsync<SecurityException>(() => overrides.SetOverrideAsync("per-user", new RateLimitPolicyChange()));

        Assert.Equal(SecurityErrorCodes.ValidationFailed, bad.Code);
        Assert.Contains("RateLimiting:Policies:per-user:Algorithm", bad.Message, StringComparison.Ordinal);
        Assert.Equal(SecurityErrorCodes.NotFound, unknown.Code);
        Assert.Equal(SecurityErrorCodes.ValidationFailed, empty.Code);
        Assert.Equal(RateLimitAlgorithms.Gcra, Assert.Single(context.Limiter.Policies).Algorithm);
    }

    [Fact]
    public async Task SetOverrideAsync_ProtectedPolicy_StaysUnbypassable()
    {
        using var context = new RateLimiterTestContext(new Dictionary<string, string?>(), useDefaults: true);
        var overrides = context.Services.GetRequiredService<IRateLimitPolicyOverrides>();

        var policy = await overrides.SetOverrideAsync("login-user", new RateLimitPolicyChange { Limit = 1, Burst = 1 });
        var admin = new RateLimitRequest { UserId = "admin", Endpoint = "/api/v1/auth/login", Roles = ["admin"] };
        await context.Limiter.CheckAsync(admin);
        var refused = await context.Limiter.CheckAsync(admin);

        Assert.Equal(RateLimitCategories.Login, policy.Category);
        Assert.Empty(policy.BypassRoles);
        Assert.False(refused.Allowed);
        Assert.Equal("login-user", refused.Decisive!.Policy.Name);
    }

    [Fact]
    public async Task Reload_RefusedBecauseOfAnOverride_IsNotKept_AndAppliesOnceTheOverrideIsRemoved()
    {
        var settings = PerUser(5);
        settings["RateLimiting:Policies:other:Limit"] = "9";
        settings["RateLimiting:Policies:other:Period"] = "00:01:00";
        settings["RateLimiting:Policies:other:KeyBy:0"] = "address";
        using var context = new RateLimiterTestContext(settings);
        var overrides = context.Services.GetRequiredService<IRateLimitPolicyOverrides>();
        await overrides.SetOverrideAsync("per-user", new RateLimitPolicyChange { Limit = 1_000_000 });

        // Valid alone, but with the override per-user would allow two requests a microsecond: refused, the policies stay.
        context.Reload(new Dictionary<string, string?> { ["RateLimiting:Policies:per-user:Period"] = "00:00:00.5" });
        Assert.Equal(TimeSpan.FromMinutes(1), context.Limiter.Policies.Single(p => p.Name == "per-user").Period);

        // A change of another policy builds on the configuration in force, not on the refused one.
        var other = await overrides.SetOverrideAsync("other", new RateLimitPolicyChange { Limit = 7 });
        Assert.Equal(7, other.Limit);

        var restored = await overrides.RemoveOverrideAsync("per-user");
        Assert.Equal(5, restored.Limit);
        Assert.Equal(TimeSpan.FromMilliseconds(500), restored.Period);
        Assert.Equal(7, context.Limiter.Policies.Single(p => p.Name == "other").Limit);
    }

    [Theory]
    [InlineData("""{"period_ms":0}""")]
    [InlineData("""{"period_ms":-5}""")]
    [InlineData("""{"period_ms":99999999999999999}""")]
    [InlineData("""{"limit":"many"}""")]
    public void OverrideRecord_ImpossibleOrUnreadable_IsNotARecord(string stored) =>
        Assert.Null(RateLimitOverrideRecord.Parse(stored));

    [Fact]
    public void OverrideRecord_WrittenByTheServer_ReadsBack()
    {
        var record = RateLimitOverrideRecord.From(new RateLimitPolicyOptions { Limit = 3, Period = TimeSpan.FromMinutes(2) });
        Assert.Equal(TimeSpan.FromMinutes(2), RateLimitOverrideRecord.Parse(record.ToJson())!.ToOptions().Period);
    }
}
