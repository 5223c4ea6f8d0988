using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace McpSecurity.Tests.SecurityCore.RateLimiting;

/// <summary>Runtime overrides shared through a real Redis: applied by every instance, loaded at start, refused while Redis is down.</summary>
[Collection(RedisServerGroup.Name)]
public sealed class SharedRateLimitOverridesTests(RedisServer shared)
{
    private static Dictionary<string, string?> Settings(string configuration, string prefix) => new()
    {
        ["Redis:Configuration"] = configuration,
        ["Redis:KeyPrefix"] = prefix,
        ["Redis:OperationTimeout"] = "00:00:01",
        ["Redis:ConnectTimeout"] = "00:00:00.500",
        ["RateLimiting:Policies:per-user:Limit"] = "5",
        ["RateLimiting:Policies:per-user:Period"] = "00:01:00",
        ["RateLimiting:Policies:per-user:KeyBy:0"] = "user",
    };

    [Fact]
    public async Task SetAndRemove_OnOneInstance_AreAppliedByTheOtherAndByALateStarterWithoutAuditingThere()
    {
        var settings = Settings(shared.Configuration, Prefix());
        using var first = await StartedAsync(settings);
        using var second = await StartedAsync(settings);
        var overrides = first.Services.GetRequiredService<IRateLimitPolicyOverrides>();

        await overrides.SetOverrideAsync("per-user", new RateLimitPolicyChange { Limit = 2, Burst = 2 });
        var applied = await EventuallyAsync(() => LimitOf(second) == 2);
        using var late = await StartedAsync(settings);
        var loadedAtStart = LimitOf(late);
        await second.Services.GetRequiredService<IRateLimitPolicyOverrides>().RemoveOverrideAsync("per-user");
        var removed = await EventuallyAsync(() => LimitOf(first) == 5 && LimitOf(late) == 5);

        Assert.True(applied, "the second instance did not apply the override");
        Assert.Equal(2, loadedAtStart);
        Assert.True(removed, "the removal did not reach every instance");
        Assert.Contains(first.Events.OfType(SecurityEventTypes.RateLimitPoliciesChanged), e => e.Details["source"] == "runtime");
        Assert.DoesNotContain(late.Events.OfType(SecurityEventTypes.RateLimitPoliciesChanged), e => e.Details["source"] == "runtime");
        Assert.Contains(second.Events.OfType(SecurityEventTypes.RateLimitPoliciesChanged), e => e.Details["source"] == "runtime" && e.Details["override"] == "removed");
    }

    [Fact]
    public async Task SetOverrideAsync_RedisUnreachable_IsRefusedAndChangesNothingHere()
    {
        using var redis = new RedisServer();
        using var context = await StartedAsync(Settings(redis.Configuration, Prefix()));
        redis.Stop();
        var overrides = context.Services.GetRequiredService<IRateLimitPolicyOverrides>();

        var refused = await Assert.ThrowsAsync<SecurityException>(() => overrides.SetOverrideAsync("per-user", new RateLimitPolicyChange { Limit = 1 }));

        Assert.Equal(SecurityErrorCodes.RateLimitStoreUnavailable, refused.Code);
        Assert.Equal(5, LimitOf(context));
        Assert.DoesNotContain(context.Events.OfType(SecurityEventTypes.RateLimitPoliciesChanged), e => e.Details["source"] == "runtime");
    }

    [Fact]
    public async Task StartAsync_RedisDownAtStart_CatchesUpOnceRedisIsBack()
    {
        using var redis = new RedisServer();
        var settings = Settings(redis.Configuration, Prefix());
        redis.Stop();
        using var cutOff = await StartedAsync(settings);
        var whileDown = LimitOf(cutOff);

        redis.Start();
        using var other = await StartedAsync(settings);
        await other.Services.GetRequiredService<IRateLimitPolicyOverrides>().SetOverrideAsync("per-user", new RateLimitPolicyChange { Limit = 4 });
        var caughtUp = await EventuallyAsync(() => LimitOf(cutOff) == 4, TimeSpan.FromSeconds(30));

        Assert.Equal(5, whileDown);
        Assert.True(caughtUp, "the instance that started without Redis never applied the shared override");
    }

    [Fact]
    public void ApplySharedOverrides_OneThatDoesNotFitThisInstance_IsSkippedAndTheRestApply()
    {
        using var context = new RateLimiterTestContext(Settings(shared.Configuration, Prefix()));
        var limiter = Assert.IsType<RateLimiter>(context.Limiter);

        limiter.ApplySharedOverrides(new Dictionary<string, RateLimitPolicyOptions>
        {
            ["per-user"] = new() { Limit = 3 },
            ["elsewhere-only"] = new() { Limit = 9 },
            ["zz-bad"] = new() { Algorithm = "leaky" },
        });

        Assert.Equal(3, LimitOf(context));
        Assert.Equal(["per-user"], limiter.Overrides.Keys);
    }

    private static async Task<RateLimiterTestContext> StartedAsync(Dictionary<string, string?> settings)
    {
        var context = new RateLimiterTestContext(settings);
        foreach (var service in context.Services.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        return context;
    }

    private static int LimitOf(RateLimiterTestContext context) => context.Limiter.Policies.Single(p => p.Name == "per-user").Limit;

    private static string Prefix() => "t" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Pub/sub delivers to the other connection asynchronously: poll, bounded.</summary>
    private static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
