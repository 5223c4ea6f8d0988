using McpSecurity.SecurityCore.Detection;
using McpSecurity.SecurityCore.Distributed;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.Tests.SecurityCore.Fakes;
using McpSecurity.Tests.SecurityCore.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.Incidents;

/// <summary>Block lists of two instances sharing one real redis-server.</summary>
[Collection(RedisServerGroup.Name)]
public sealed class RedisAddressBlockListTests(RedisServer redis) : IDisposable
{
    private readonly string _prefix = "t" + Guid.NewGuid().ToString("N")[..12];
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly List<IDisposable> _owned = [];

    [Fact]
    public async Task BlockAsync_OnOneInstance_IsEnforcedByTheOther_AndUnblockLiftsItThere()
    {
        var (first, firstEvents) = await InstanceAsync();
        var (second, secondEvents) = await InstanceAsync();

        var block = await first.BlockAsync("198.51.100.77", TimeSpan.FromMinutes(15), IncidentTypes.CredentialStuffing, "inc_shared");

        Assert.True(SpinWait.SpinUntil(() => second.GetBlock("198.51.100.77") is not null, TimeSpan.FromSeconds(5)), "the second instance did not see the block");
        var seen = second.GetBlock("198.51.100.77")!;
        Assert.Equal((block.ExpiresAt, "inc_shared", IncidentTypes.CredentialStuffing), (seen.ExpiresAt, seen.IncidentId, seen.Reason));
        Assert.Equal(1, second.ActiveCount);
        Assert.Single(firstEvents.OfType(McpSecurity.SecurityCore.Events.SecurityEventTypes.AddressBlocked));
        using (var probe = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration))
        {
            var ttl = await probe.GetDatabase().KeyTimeToLiveAsync(_prefix + ":blocks");
            Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        }

        Assert.Empty(secondEvents.OfType(McpSecurity.SecurityCore.Events.SecurityEventTypes.AddressBlocked));

        Assert.True(await second.UnblockAsync("198.51.100.77", "usr_admin"));
        Assert.True(SpinWait.SpinUntil(() => first.GetBlock("198.51.100.77") is null, TimeSpan.FromSeconds(5)), "the first instance kept the lifted block");
    }

    [Fact]
    public async Task ResyncAsync_InstanceStartedLater_LoadsTheBlocksInForce_AndExpiryLiftsThem()
    {
        var (first, _) = await InstanceAsync();
        await first.BlockAsync("2001:db8:5:6::1", TimeSpan.FromMinutes(5), "manual", null);

        var (late, _) = await InstanceAsync();

        Assert.NotNull(late.GetBlock("2001:db8:5:6:1::1"));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(late.GetBlock("2001:db8:5:6::1"));
        Assert.Null(first.GetBlock("2001:db8:5:6::1"));
        await ((RedisAddressBlockList)late).ResyncAsync();
        Assert.Equal(0, late.ActiveCount);
    }

    [Fact]
    public async Task AddSecurityCore_RedisConfigured_SharesBlocksThroughRedis_OtherwiseInMemory()
    {
        await using (var shared = await McpSecurity.Tests.SecurityCore.Detection.DetectionTestContext.StartAsync(new() { ["Redis:Configuration"] = redis.Configuration, ["Redis:KeyPrefix"] = _prefix }))
        {
            Assert.IsType<RedisAddressBlockList>(shared.Blocks);
            // The same clock as the detector's instance: blocks carry absolute expiry times.
            var (other, _) = await InstanceAsync(shared.Time);
            for (var i = 0; i < 10; i++)
            {
                await shared.WrongPasswordAsync("198.51.100.88", "usr_" + i, TimeSpan.FromSeconds(1));
            }

            Assert.Single(await shared.IncidentsAsync(IncidentTypes.CredentialStuffing));
            Assert.True(SpinWait.SpinUntil(() => other.GetBlock("198.51.100.88") is not null, TimeSpan.FromSeconds(5)), "the detector's block was not shared");
        }

        await using var local = await McpSecurity.Tests.SecurityCore.Detection.DetectionTestContext.StartAsync();
        Assert.IsType<InMemoryAddressBlockList>(local.Blocks);
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }
    }

    private async Task<(IAddressBlockList List, RecordingSecurityEventSink Events)> InstanceAsync(TimeProvider? clock = null)
    {
        var time = clock ?? _time;
        var connection = new RedisConnection(
            Options.Create(new RedisOptions { Configuration = redis.Configuration, KeyPrefix = _prefix, OperationTimeout = TimeSpan.FromSeconds(2) }),
            NullLogger<RedisConnection>.Instance);
        var events = new RecordingSecurityEventSink();
        var options = Options.Create(new DetectionOptions());
        var view = new InMemoryAddressBlockList(new AddressAllowList(options), events, time, NullLogger<InMemoryAddressBlockList>.Instance);
        var list = new RedisAddressBlockList(view, connection, options, time, NullLogger<RedisAddressBlockList>.Instance);
        _owned.Add(list);
        _owned.Add(view);
        _owned.Add(connection);
        await list.Ready;
        return (list, events);
    }
}
