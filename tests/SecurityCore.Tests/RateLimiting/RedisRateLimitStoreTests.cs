using McpSecurity.SecurityCore.RateLimiting;
using StackExchange.Redis;

namespace McpSecurity.Tests.SecurityCore.RateLimiting;

/// <summary>The same algorithm scenarios against a real redis-server, plus what only Redis has (atomicity, TTLs, hash tags, script cache).</summary>
[Collection(RedisServerGroup.Name)]
public sealed class RedisRateLimitStoreTests : RateLimitStoreScenarios, IDisposable
{
    private readonly RedisStoreHarness _harness;

    public RedisRateLimitStoreTests(RedisServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        _harness = new RedisStoreHarness(server.Configuration, Time);
    }

    private protected override IRateLimitStore Store => _harness.Store;

    [Fact]
    public async Task Acquire_ManyParallelCallers_AdmitExactlyTheLimit()
    {
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 300, TimeSpan.FromHours(1));
        var now = Now();
        var tasks = Enumerable.Range(0, 1000).Select(_ => Task.Run(() => _harness.Store.AcquireAsync(policy, "p|u=shared", now, 1, false, default).AsTask())).ToArray();
        var outcomes = await Task.WhenAll(tasks);
        Assert.Equal(300, outcomes.Count(o => o.Allowed));
        Assert.All(outcomes, o => Assert.Equal(RateLimitStoreState.Store, o.State));
    }

    [Theory]
    [InlineData(RateLimitAlgorithms.FixedWindow)]
    [InlineData(RateLimitAlgorithms.SlidingWindow)]
    public async Task Acquire_WindowAlgorithmsInParallel_AdmitExactlyTheLimit(string algorithm)
    {
        var policy = RateLimitTestPolicies.Create(algorithm, 250, TimeSpan.FromHours(1));
        var now = Now();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 800).Select(_ => Task.Run(() => _harness.Store.AcquireAsync(policy, "p|u=w", now, 1, false, default).AsTask())));
        Assert.Equal(250, outcomes.Count(o => o.Allowed));
    }

    [Fact]
    public async Task Acquire_WritesKeysWithHashTagAndTtl()
    {
        var gcra = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 10, TimeSpan.FromSeconds(10));
        var sliding = RateLimitTestPolicies.Create(RateLimitAlgorithms.SlidingWindow, 10, TimeSpan.FromSeconds(30), name: "s");
        await AcquireAsync(gcra, "p|u=ttl");
        await AcquireAsync(sliding, "s|u=ttl");
        var server = _harness.Connection.Multiplexer.GetServers()[0];
        var keys = server.Keys(pattern: _harness.Prefix + ":*").Select(k => (string)k!).ToList();
        Assert.Contains(_harness.Prefix + ":rl:{p|u=ttl}", keys);
        Assert.Contains(keys, k => k.StartsWith(_harness.Prefix + ":rl:{s|u=ttl}:", StringComparison.Ordinal));
        foreach (var key in keys)
        {
            var ttl = await _harness.Connection.Database.KeyTimeToLiveAsync(key);
            Assert.NotNull(ttl);
            Assert.InRange(ttl.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(61));
        }

        // Both keys of one sliding counter live in one cluster slot.
        var slots = keys.Where(k => k.Contains("{s|u=ttl}", StringComparison.Ordinal)).Select(k => _harness.Connection.Multiplexer.HashSlot(k)).Distinct();
        Assert.Single(slots);
    }

    [Fact]
    public async Task Acquire_AfterScriptFlush_LoadsTheScriptAgainAndCountsOnce()
    {
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 3, TimeSpan.FromHours(1));
        Assert.Equal(2, (await AcquireAsync(policy, "p|u=flush")).Remaining);
        await _harness.Connection.Database.ExecuteAsync("SCRIPT", "FLUSH");
        Assert.Equal(1, (await AcquireAsync(policy, "p|u=flush")).Remaining);
        Assert.Equal(0, (await AcquireAsync(policy, "p|u=flush")).Remaining);
        Assert.False(_harness.Store.IsDegraded);
    }

    [Fact]
    public async Task Acquire_ScriptsUseEvalsha_SameScriptIdAsComputed()
    {
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 3, TimeSpan.FromHours(1));
        await AcquireAsync(policy, "p|u=sha");
        var sha = Convert.ToHexStringLower(RedisRateLimitScripts.Sha1Of(RedisRateLimitScripts.Gcra));
        var exists = (RedisResult[])(await _harness.Connection.Database.ExecuteAsync("SCRIPT", "EXISTS", sha))!;
        Assert.Equal(1, (long)exists[0]);
    }

    public void Dispose() => _harness.Dispose();
}
