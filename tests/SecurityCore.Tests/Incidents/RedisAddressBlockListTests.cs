using McpSecurity.SecurityCore;
using McpSecurity.SecurityCore.Detection;
using McpSecurity.SecurityCore.Distributed;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Incidents;
using McpSecurity.Tests.SecurityCore.Fakes;
using McpSecurity.Tests.SecurityCore.RateLimiting;
using Microsoft.Extensions.Logging;
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
    private readonly CapturingLoggerProvider _logs = new();
    private ILoggerFactory Loggers => field ??= LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(_logs));

    [Fact]
    public async Task BlockAsync_OnOneInstance_IsEnforcedByTheOther_AndUnblockLiftsItThere()
    {
        var (first, _, firstEvents) = await InstanceAsync();
        var (second, _, secondEvents) = await InstanceAsync();

        var block = await first.BlockAsync("198.51.100.77", TimeSpan.FromMinutes(15), IncidentTypes.CredentialStuffing, "inc_shared");

        Assert.True(SpinWait.SpinUntil(() => second.GetBlock("198.51.100.77") is not null, TimeSpan.FromSeconds(30)), "the second instance did not see the block");
        var seen = second.GetBlock("198.51.100.77")!;
        Assert.Equal((block.ExpiresAt, "inc_shared", IncidentTypes.CredentialStuffing), (seen.ExpiresAt, seen.IncidentId, seen.Reason));
        Assert.Equal(1, second.ActiveCount);
        Assert.Single(firstEvents.OfType(SecurityEventTypes.AddressBlocked));
        using (var probe = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration))
        {
            var ttl = await probe.GetDatabase().KeyTimeToLiveAsync(_prefix + ":blocks");
            Assert.InRange(ttl!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
        }

        Assert.Empty(secondEvents.OfType(SecurityEventTypes.AddressBlocked));

        Assert.True(await second.UnblockAsync("198.51.100.77", "usr_admin"));
        Assert.True(SpinWait.SpinUntil(() => first.GetBlock("198.51.100.77") is null, TimeSpan.FromSeconds(30)), "the first instance kept the lifted block");
    }

    [Fact]
    public async Task ResyncAsync_InstanceStartedLater_LoadsTheBlocksInForce_AndExpiryLiftsThem()
    {
        var (first, _, _) = await InstanceAsync();
        await first.BlockAsync("2001:db8:5:6::1", TimeSpan.FromMinutes(5), "manual", null);

        var (late, _, _) = await InstanceAsync();

        Assert.True(late.GetBlock("2001:db8:5:6:1::1") is not null, "the late instance did not load the block: " + string.Join(" / ", _logs.Lines));
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.Null(late.GetBlock("2001:db8:5:6::1"));
        Assert.Null(first.GetBlock("2001:db8:5:6::1"));
        await late.ResyncAsync();
        Assert.Equal(0, late.ActiveCount);
    }

    [Fact]
    public async Task AddSecurityCore_RedisConfigured_SharesBlocksThroughRedis_OtherwiseInMemory()
    {
        await using (var shared = await McpSecurity.Tests.SecurityCore.Detection.DetectionTestContext.StartAsync(new() { ["Redis:Configuration"] = redis.Configuration, ["Redis:KeyPrefix"] = _prefix }))
        {
            Assert.IsType<RedisAddressBlockList>(shared.Blocks);
            // The same clock as the detector's instance: blocks carry absolute expiry times.
            var (other, _, _) = await InstanceAsync(shared.Time);
            for (var i = 0; i < 10; i++)
            {
                await shared.WrongPasswordAsync("198.51.100.88", "usr_" + i, TimeSpan.FromSeconds(1));
            }

            Assert.Single(await shared.IncidentsAsync(IncidentTypes.CredentialStuffing));
            Assert.True(SpinWait.SpinUntil(() => other.GetBlock("198.51.100.88") is not null, TimeSpan.FromSeconds(30)), "the detector's block was not shared");
        }

        await using var local = await McpSecurity.Tests.SecurityCore.Detection.DetectionTestContext.StartAsync();
        Assert.IsType<InMemoryAddressBlockList>(local.Blocks);
    }

    [Fact]
    public async Task ResyncAsync_RedisRestartedWithoutData_KeepsTheBlockAndWritesItBackForTheOthers()
    {
        using var server = new RedisServer();
        var (owner, _, events) = await InstanceAsync(new TimerlessTimeProvider(_time), server.Configuration);
        await owner.BlockAsync("198.51.100.9", TimeSpan.FromHours(1), IncidentTypes.CredentialStuffing, "inc_x");

        // A crash with nothing saved (a cache-style Redis, or a failover to an empty replica).
        server.Stop();
        server.Start();
        Assert.True(await EventuallyAsync(async () =>
        {
            await owner.ResyncAsync();
            return await HashLengthAsync(server.Configuration) == 1;
        }), "the block was not written back to the restarted Redis");

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(owner.GetBlock("198.51.100.9"));
        Assert.Empty(events.OfType(SecurityEventTypes.AddressUnblocked));
        var (late, _, _) = await InstanceAsync(configuration: server.Configuration);
        Assert.Equal("inc_x", late.GetBlock("198.51.100.9")?.IncidentId);
    }

    [Fact]
    public async Task ResyncAsync_AfterExpiryBeforeTheSweep_TheExpiryIsStillReportedOnce()
    {
        var (list, view, events) = await InstanceAsync(new TimerlessTimeProvider(_time));
        await list.BlockAsync("198.51.100.10", TimeSpan.FromMinutes(1), IncidentTypes.CredentialStuffing, "inc_y");

        _time.Advance(TimeSpan.FromSeconds(61));
        await list.ResyncAsync();
        await view.SweepAsync();
        await view.SweepAsync();

        var expired = Assert.Single(events.OfType(SecurityEventTypes.AddressUnblocked));
        Assert.Equal(("expired", "inc_y"), (expired.Details["reason"], expired.Details["incident_id"]));
    }

    [Fact]
    public async Task UnblockAsync_RedisUnreachable_RefusesAndTheBlockStaysInForce()
    {
        using var server = new RedisServer();
        var (list, _, events) = await InstanceAsync(new TimerlessTimeProvider(_time), server.Configuration);
        await list.BlockAsync("198.51.100.11", TimeSpan.FromHours(1), IncidentTypes.CredentialStuffing, "inc_z");

        server.Stop();
        var refused = await Assert.ThrowsAsync<SecurityException>(() => list.UnblockAsync("198.51.100.11", "usr_admin"));

        Assert.Equal(SecurityErrorCodes.StorageUnavailable, refused.Code);
        Assert.NotNull(list.GetBlock("198.51.100.11"));
        Assert.Empty(events.OfType(SecurityEventTypes.AddressUnblocked));
        server.Start();
        Assert.True(await EventuallyAsync(async () =>
        {
            try
            {
                return await list.UnblockAsync("198.51.100.11", "usr_admin");
            }
            catch (SecurityException ex) when (ex.Code == SecurityErrorCodes.StorageUnavailable)
            {
                return false;
            }
        }), "the unblock did not go through once Redis was back");
        Assert.Null(list.GetBlock("198.51.100.11"));
        Assert.Single(events.OfType(SecurityEventTypes.AddressUnblocked));
    }

    [Fact]
    public async Task ResyncAsync_LiftMissedByAnInstance_LiftsItThere_ABlockMadeAfterTheLiftStands()
    {
        var (first, _, _) = await InstanceAsync();
        var (second, _, _) = await InstanceAsync();
        await first.BlockAsync("198.51.100.12", TimeSpan.FromHours(1), "manual", null);
        Assert.True(SpinWait.SpinUntil(() => second.GetBlock("198.51.100.12") is not null, TimeSpan.FromSeconds(30)), "the second instance did not see the block");

        // Another instance lifted it and its announcement was lost: only the hash says so.
        _time.Advance(TimeSpan.FromSeconds(1));
        await WriteLiftAsync("198.51.100.12", _time.GetUtcNow(), _time.GetUtcNow().AddHours(1));
        await second.ResyncAsync();
        Assert.Null(second.GetBlock("198.51.100.12"));

        // A lift older than the block (read late) leaves it, and the block goes back into the hash.
        _time.Advance(TimeSpan.FromSeconds(1));
        await first.BlockAsync("198.51.100.13", TimeSpan.FromHours(1), "manual", null);
        await WriteLiftAsync("198.51.100.13", _time.GetUtcNow().AddSeconds(-1), _time.GetUtcNow().AddHours(1));
        await first.ResyncAsync();
        Assert.NotNull(first.GetBlock("198.51.100.13"));
        using var probe = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        Assert.Contains("\"op\":\"block\"", (string?)await probe.GetDatabase().HashGetAsync(_prefix + ":blocks", "198.51.100.13"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BlockAsync_ShorterBlockByAnInstanceThatHadNotHeardOfTheLongerOne_LongerStaysInRedisAndIsTaken()
    {
        var (first, _, _) = await InstanceAsync();
        var (second, secondView, secondEvents) = await InstanceAsync();
        var longer = await first.BlockAsync("198.51.100.14", TimeSpan.FromHours(24), "manual", null);
        Assert.True(SpinWait.SpinUntil(() => second.GetBlock("198.51.100.14") is not null, TimeSpan.FromSeconds(30)), "the second instance did not see the block");

        // As if the announcement had not reached the second instance yet when its detector blocked the address.
        Assert.NotNull(secondView.RemoveLocal("198.51.100.14"));
        var answered = await second.BlockAsync("198.51.100.14", TimeSpan.FromMinutes(15), "credential_stuffing", "inc_1");

        Assert.Equal(longer.ExpiresAt, answered.ExpiresAt);
        Assert.Equal(longer.ExpiresAt, second.GetBlock("198.51.100.14")!.ExpiresAt);
        Assert.Empty(secondEvents.OfType(SecurityEventTypes.AddressBlocked));
        using var probe = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var stored = (string?)await probe.GetDatabase().HashGetAsync(_prefix + ":blocks", "198.51.100.14");
        Assert.Contains("\"reason\":\"manual\"", stored, StringComparison.Ordinal);

        // A fresh instance reads the longer block; a longer one still replaces it.
        var (third, _, _) = await InstanceAsync();
        Assert.Equal(longer.ExpiresAt, third.GetBlock("198.51.100.14")!.ExpiresAt);
        var longest = await second.BlockAsync("198.51.100.14", TimeSpan.FromDays(2), "manual", null);
        Assert.True(SpinWait.SpinUntil(() => first.GetBlock("198.51.100.14")?.ExpiresAt == longest.ExpiresAt, TimeSpan.FromSeconds(30)), "the longer block did not replace the shorter one");
        Assert.Single(secondEvents.OfType(SecurityEventTypes.AddressBlocked));
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        Loggers.Dispose();
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                return false;
            }

            // A real Redis reconnecting in the background: nothing to advance but the wall clock.
            await Task.Delay(100);
        }

        return true;
    }

    private async Task<long> HashLengthAsync(string configuration)
    {
        using var probe = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(configuration);
        return await probe.GetDatabase().HashLengthAsync(_prefix + ":blocks");
    }

    /// <summary>Writes the lift of a block into the hash as an instance does, without announcing it.</summary>
    private async Task WriteLiftAsync(string address, DateTimeOffset liftedAt, DateTimeOffset until)
    {
        using var probe = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration);
        var lift = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["op"] = "unblock", ["origin"] = "elsewhere", ["address"] = address, ["block"] = null, ["lifted_at"] = liftedAt, ["until"] = until,
        });
        await probe.GetDatabase().HashSetAsync(_prefix + ":blocks", address, lift);
    }

    private async Task<(RedisAddressBlockList List, InMemoryAddressBlockList View, RecordingSecurityEventSink Events)> InstanceAsync(
        TimeProvider? clock = null, string? configuration = null)
    {
        var time = clock ?? _time;
        var connection = new RedisConnection(
            Options.Create(new RedisOptions { Configuration = configuration ?? redis.Configuration, KeyPrefix = _prefix, OperationTimeout = TimeSpan.FromSeconds(2) }),
            new Logger<RedisConnection>(Loggers));
        var events = new RecordingSecurityEventSink();
        var options = Options.Create(new DetectionOptions());
        var view = new InMemoryAddressBlockList(new AddressAllowList(options), events, time, NullLogger<InMemoryAddressBlockList>.Instance);
        var list = new RedisAddressBlockList(view, connection, options, time, new Logger<RedisAddressBlockList>(Loggers));
        _owned.Add(list);
        _owned.Add(view);
        _owned.Add(connection);
        await list.Ready;
        return (list, view, events);
    }
}
