using System.Net;
using McpSecurity.SecurityCore.Distributed;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.RateLimiting;

/// <summary>The limiter as registered with <c>Redis:Configuration</c>, against real redis-server processes: shared limits, outages, recovery.</summary>
[Collection(RedisServerGroup.Name)]
public sealed class RedisRateLimiterTests(RedisServer shared)
{
    private static readonly IPAddress Caller = IPAddress.Parse("198.51.100.20");

    private static Dictionary<string, string?> Settings(string configuration, string prefix) => new()
    {
        ["Redis:Configuration"] = configuration,
        ["Redis:KeyPrefix"] = prefix,
        ["Redis:OperationTimeout"] = "00:00:01",
        ["RateLimiting:Policies:login:Category"] = "login",
        ["RateLimiting:Policies:login:Limit"] = "3",
        ["RateLimiting:Policies:login:Period"] = "01:00:00",
        ["RateLimiting:Policies:login:KeyBy:0"] = "address",
        ["RateLimiting:Policies:login:Endpoints:0"] = "/api/v1/auth/login",
        ["RateLimiting:Policies:api:Limit"] = "3",
        ["RateLimiting:Policies:api:Period"] = "01:00:00",
        ["RateLimiting:Policies:api:KeyBy:0"] = "address",
        ["RateLimiting:Policies:api:Endpoints:0"] = "/api/v1/keys",
    };

    [Fact]
    public void AddSecurityRateLimiting_RedisConfigured_ChoosesTheRedisStore()
    {
        using var context = new RateLimiterTestContext(Settings(shared.Configuration, Prefix()));
        Assert.Equal("redis", context.Services.GetRequiredService<IRateLimitStoreHealth>().StoreKind);
        using var memory = new RateLimiterTestContext(new Dictionary<string, string?>());
        Assert.Equal("memory", memory.Services.GetRequiredService<IRateLimitStoreHealth>().StoreKind);
    }

    [Fact]
    public async Task CheckAsync_TwoInstancesSharingRedis_AdmitAtMostTheGlobalLimitBetweenThem()
    {
        var prefix = Prefix();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = Settings(shared.Configuration, prefix);
        settings["RateLimiting:Policies:api:Limit"] = "100";
        using var first = new RateLimiterTestContext(settings, time: time);
        using var second = new RateLimiterTestContext(settings, time: time);
        var request = new RateLimitRequest { Address = Caller, Endpoint = "/api/v1/keys" };
        var limiters = new[] { first.Limiter, second.Limiter };
        foreach (var limiter in limiters)
        {
            await limiter.CheckAsync(request with { DryRun = true });
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() => limiters[i % 2].CheckAsync(request).AsTask())));

        Assert.Equal(100, results.Count(r => r.Allowed));
        Assert.All(results, r => Assert.Equal(RateLimitStoreState.Store, r.Decisive!.State));
    }

    [Fact]
    public async Task CheckAsync_TwoInstancesTakingTurns_EachSeesTheOthersRequests()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = Settings(shared.Configuration, Prefix());
        settings["RateLimiting:Policies:api:Limit"] = "10";
        using var first = new RateLimiterTestContext(settings, time: time);
        using var second = new RateLimiterTestContext(settings, time: time);
        var request = new RateLimitRequest { Address = Caller, Endpoint = "/api/v1/keys" };
        var admitted = new int[2];
        var remaining = new List<int>();
        for (var i = 0; i < 30; i++)
        {
            var result = await (i % 2 == 0 ? first : second).Limiter.CheckAsync(request);
            admitted[i % 2] += result.Allowed ? 1 : 0;
            remaining.Add(result.Decisive!.Remaining);
        }

        Assert.Equal([5, 5], admitted);
        Assert.Equal([9, 8, 7, 6, 5, 4, 3, 2, 1, 0], remaining.Take(10));
    }

    [Fact]
    public async Task CheckAsync_RedisStoppedMidTest_ClosedRefusesOpenFallsBackThenRecovers()
    {
        using var server = new RedisServer();
        using var context = new RateLimiterTestContext(Settings(server.Configuration, Prefix()));
        var limiter = context.Limiter;
        var health = context.Services.GetRequiredService<IRateLimitStoreHealth>();
        var login = new RateLimitRequest { Address = Caller, Endpoint = "/api/v1/auth/login" };
        var api = new RateLimitRequest { Address = Caller, Endpoint = "/api/v1/keys" };

        Assert.Equal(RateLimitStoreState.Store, (await limiter.CheckAsync(login)).Decisive!.State);
        Assert.Equal(RateLimitStoreState.Store, (await limiter.CheckAsync(api)).Decisive!.State);
        Assert.False(health.IsDegraded);

        var multiplexer = await context.Services.GetRequiredService<RedisConnection>().MultiplexerAsync;
        var restored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        multiplexer.ConnectionRestored += (_, e) =>
        {
            // The subscription connection may come back first; checks run on the interactive one.
            if (e.ConnectionType == StackExchange.Redis.ConnectionType.Interactive)
            {
                restored.TrySetResult();
            }
        };
        server.Stop();

        var closed = await limiter.CheckAsync(login);
        Assert.False(closed.Allowed);
        Assert.Equal(RateLimitStoreState.Unavailable, closed.Decisive!.State);
        Assert.Equal(TimeSpan.FromSeconds(5), closed.Decisive.RetryAfter);
        Assert.True(health.IsDegraded);
        Assert.NotNull(health.DegradedSince);
        Assert.NotNull(health.LastError);

        // Fail-open policies keep limiting with the local fallback (its own allowance of 3).
        var open = new List<RateLimitResult>();
        for (var i = 0; i < 4; i++)
        {
            open.Add(await limiter.CheckAsync(api));
        }

        Assert.All(open, r => Assert.Equal(RateLimitStoreState.Fallback, r.Decisive!.State));
        Assert.Equal([true, true, true, false], open.Select(r => r.Allowed));
        Assert.Single(context.Events.OfType(SecurityEventTypes.RateLimitStoreDegraded));

        server.Start();
        await restored.Task.WaitAsync(TimeSpan.FromSeconds(60));

        var back = await limiter.CheckAsync(login);
        Assert.Equal(RateLimitStoreState.Store, back.Decisive!.State);
        Assert.True(back.Allowed);
        Assert.False(health.IsDegraded);
        Assert.Null(health.DegradedSince);
        Assert.Equal(RateLimitStoreState.Store, (await limiter.CheckAsync(api)).Decisive!.State);
        Assert.Single(context.Events.OfType(SecurityEventTypes.RateLimitStoreRecovered));
    }

    [Fact]
    public async Task Health_RedisStopsWhileNoCheckRuns_DegradedUntilItReturns()
    {
        using var server = new RedisServer();
        using var context = new RateLimiterTestContext(Settings(server.Configuration, Prefix()));
        var health = context.Services.GetRequiredService<IRateLimitStoreHealth>();
        var connection = context.Services.GetRequiredService<RedisConnection>();
        await connection.MultiplexerAsync;
        Assert.False(health.IsDegraded);

        server.Stop();
        Assert.True(await EventuallyAsync(() => health.IsDegraded), "no check ran, yet the lost connection should make the store degraded");
        Assert.NotNull(health.DegradedSince);
        Assert.NotNull(health.LastError);
        Assert.True(await EventuallyAsync(() => context.Events.OfType(SecurityEventTypes.RateLimitStoreDegraded).Count == 1));

        server.Start();
        Assert.True(await EventuallyAsync(() => !health.IsDegraded, TimeSpan.FromSeconds(60)), "the connection came back, so the store should be healthy again without a check");
        Assert.Null(health.DegradedSince);
        Assert.True(await EventuallyAsync(() => context.Events.OfType(SecurityEventTypes.RateLimitStoreRecovered).Count == 1));
        Assert.Single(context.Events.OfType(SecurityEventTypes.RateLimitStoreDegraded));
    }

    [Fact]
    public async Task Health_RedisDownAtStart_DegradedBeforeAnyCheck_HealthyOnceItAnswers()
    {
        using var server = new RedisServer();
        server.Stop();
        using var context = new RateLimiterTestContext(Settings(server.Configuration, Prefix()));
        var connection = context.Services.GetRequiredService<RedisConnection>();
        await connection.MultiplexerAsync;
        var health = context.Services.GetRequiredService<IRateLimitStoreHealth>();
        Assert.True(health.IsDegraded);
        Assert.NotNull(health.LastError);

        server.Start();
        Assert.True(await EventuallyAsync(() => !health.IsDegraded, TimeSpan.FromSeconds(60)), "the first connection to a late Redis should end the degraded state");
        Assert.Equal(RateLimitStoreState.Store, (await context.Limiter.CheckAsync(new RateLimitRequest { Address = Caller, Endpoint = "/api/v1/auth/login" })).Decisive!.State);
    }

    [Fact]
    public async Task CheckAsync_FailureModeConfigured_OverridesTheCategoryDefault()
    {
        using var server = new RedisServer();
        var settings = Settings(server.Configuration, Prefix());
        settings["RateLimiting:Policies:login:FailureMode"] = "open";
        settings["RateLimiting:Policies:api:FailureMode"] = "closed";
        using var context = new RateLimiterTestContext(settings);
        await context.Limiter.CheckAsync(new RateLimitRequest { Address = Caller, Endpoint = "/api/v1/keys" });
        server.Stop();
        Assert.Equal(RateLimitStoreState.Fallback, (await context.Limiter.CheckAsync(new RateLimitRequest { Address = Caller, Endpoint = "/api/v1/auth/login" })).Decisive!.State);
        var api = await context.Limiter.CheckAsync(new RateLimitRequest { Address = Caller, Endpoint = "/api/v1/keys" });
        Assert.False(api.Allowed);
        Assert.Equal(RateLimitStoreState.Unavailable, api.Decisive!.State);
    }

    private static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }

    private static string Prefix() => "t" + Guid.NewGuid().ToString("N")[..12];
}
