using System.Globalization;
using System.Net;
using McpSecurity.SecurityCore.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.RateLimiting;

/// <summary>
/// The algorithm scenarios and shared limits against a real three-node Redis Cluster: every script's keys share one slot
/// (the <c>{policy|key}</c> hash tag), so each check runs atomically on the node that owns the counter.
/// </summary>
public sealed class RedisClusterRateLimitStoreTests : RateLimitStoreScenarios, IClassFixture<RedisCluster>, IDisposable
{
    private readonly RedisCluster _cluster;
    private readonly RedisStoreHarness _harness;

    public RedisClusterRateLimitStoreTests(RedisCluster cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _cluster = cluster;
        _harness = new RedisStoreHarness(cluster.Configuration, Time);
    }

    private protected override IRateLimitStore Store => _harness.Store;

    [Theory]
    [InlineData(RateLimitAlgorithms.Gcra)]
    [InlineData(RateLimitAlgorithms.FixedWindow)]
    [InlineData(RateLimitAlgorithms.SlidingWindow)]
    public async Task Acquire_CountersOnEveryNode_EachAdmitsExactlyItsLimitUnderParallelCallers(string algorithm)
    {
        var policy = RateLimitTestPolicies.Create(algorithm, 20, TimeSpan.FromHours(1));
        var keys = Enumerable.Range(0, 24).Select(i => "p|u=" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var now = Now();

        var outcomes = await Task.WhenAll(keys.SelectMany(key => Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
            (Key: key, Outcome: await _harness.Store.AcquireAsync(policy, key, now, 1, false, default))))));

        Assert.All(keys, key => Assert.Equal(20, outcomes.Count(o => o.Key == key && o.Outcome.Allowed)));
        Assert.All(outcomes, o => Assert.Equal(RateLimitStoreState.Store, o.Outcome.State));
        Assert.False(_harness.Store.IsDegraded);
        var primaries = _harness.Connection.Multiplexer.GetServers().Where(s => !s.IsReplica).ToList();
        Assert.Equal(3, primaries.Count);
        Assert.All(primaries, node => Assert.NotEmpty(node.Keys(pattern: _harness.Prefix + ":*")));
    }

    [Fact]
    public async Task CheckAsync_TwoInstancesOnTheCluster_AdmitAtMostTheGlobalLimitOfEveryKey()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var settings = new Dictionary<string, string?>
        {
            ["Redis:Configuration"] = _cluster.Configuration,
            ["Redis:KeyPrefix"] = _harness.Prefix,
            ["RateLimiting:Policies:api:Algorithm"] = RateLimitAlgorithms.SlidingWindow,
            ["RateLimiting:Policies:api:Limit"] = "30",
            ["RateLimiting:Policies:api:Period"] = "01:00:00",
            ["RateLimiting:Policies:api:KeyBy:0"] = "address",
            ["RateLimiting:Policies:api:Endpoints:0"] = "/api/v1/keys",
        };
        using var first = new RateLimiterTestContext(settings, time: time);
        using var second = new RateLimiterTestContext(settings, time: time);
        var limiters = new[] { first.Limiter, second.Limiter };
        var addresses = Enumerable.Range(1, 9).Select(i => IPAddress.Parse("198.51.100." + i.ToString(CultureInfo.InvariantCulture))).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 9 * 80).Select(i => Task.Run(async () =>
        {
            var address = addresses[i % addresses.Length];
            var result = await limiters[i / addresses.Length % 2].CheckAsync(new RateLimitRequest { Address = address, Endpoint = "/api/v1/keys" });
            return (Address: address, Result: result);
        })));

        Assert.All(addresses, address => Assert.Equal(30, results.Count(r => r.Address.Equals(address) && r.Result.Allowed)));
        Assert.All(results, r => Assert.Equal(RateLimitStoreState.Store, r.Result.Decisive!.State));
    }

    public void Dispose() => _harness.Dispose();
}
