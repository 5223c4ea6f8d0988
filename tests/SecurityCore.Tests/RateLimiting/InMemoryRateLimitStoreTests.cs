using McpSecurity.SecurityCore.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;

namespace McpSecurity.Tests.SecurityCore.RateLimiting;

public sealed class InMemoryRateLimitStoreTests : RateLimitStoreScenarios, IDisposable
{
    private readonly InMemoryRateLimitStore _store;

    public InMemoryRateLimitStoreTests() => _store = new InMemoryRateLimitStore(1000, TimeSpan.FromMinutes(1), Time, NullLogger.Instance);

    private protected override IRateLimitStore Store => _store;

    [Fact]
    public async Task Sweep_IdleKeys_EvictedOnTheTimerBusyKeysKept()
    {
        var quick = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 10, TimeSpan.FromSeconds(10));
        var slow = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 1, TimeSpan.FromHours(1), name: "slow");
        for (var i = 0; i < 50; i++)
        {
            await AcquireAsync(quick, "p|u=" + i);
        }

        await AcquireAsync(slow, "slow|u=kept");
        Assert.Equal(51, _store.Count);
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, _store.Count);
        Assert.False((await AcquireAsync(slow, "slow|u=kept")).Allowed);
    }

    [Fact]
    public async Task Acquire_TableFullOfBusyKeys_NewKeysShareOneOverflowCounter()
    {
        using var store = new InMemoryRateLimitStore(100, TimeSpan.FromMinutes(1), Time, NullLogger.Instance);
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 3, TimeSpan.FromHours(1));
        for (var i = 0; i < 100; i++)
        {
            await store.AcquireAsync(policy, "p|u=busy" + i, Now(), 1, false, default);
        }

        var admitted = 0;
        for (var i = 0; i < 10; i++)
        {
            admitted += (await store.AcquireAsync(policy, "p|u=new" + i, Now(), 1, false, default)).Allowed ? 1 : 0;
        }

        Assert.Equal(3, admitted);
        Assert.True(store.Count <= 101);
    }

    [Fact]
    public async Task Acquire_TableFullButKeysIdle_EvictsAndTracksTheNewKey()
    {
        using var store = new InMemoryRateLimitStore(100, TimeSpan.FromHours(1), Time, NullLogger.Instance);
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 3, TimeSpan.FromSeconds(3));
        for (var i = 0; i < 100; i++)
        {
            await store.AcquireAsync(policy, "p|u=old" + i, Now(), 1, false, default);
        }

        Time.Advance(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await store.AcquireAsync(policy, "p|u=fresh", Now(), 1, false, default)).Allowed);
        }

        Assert.False((await store.AcquireAsync(policy, "p|u=fresh", Now(), 1, false, default)).Allowed);
        Assert.True((await store.AcquireAsync(policy, "p|u=other", Now(), 1, false, default)).Allowed);
        Assert.Equal(2, store.Count);
    }

    [Fact]
    public async Task Acquire_ParallelCallers_AdmitExactlyTheLimit()
    {
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 500, TimeSpan.FromHours(1));
        var admitted = 0;
        var now = Now();
        await Parallel.ForAsync(0, 2000, async (_, ct) =>
        {
            if ((await _store.AcquireAsync(policy, "p|u=shared", now, 1, false, ct)).Allowed)
            {
                Interlocked.Increment(ref admitted);
            }
        });
        Assert.Equal(500, admitted);
    }

    [Fact]
    public async Task Acquire_ParallelCallersWhileSweeping_NoCountLostToEviction()
    {
        // GCRA counts without the lock; an eviction racing a count must never let the count vanish (more would be admitted).
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 50, TimeSpan.FromHours(1));
        var now = Now();
        for (var round = 0; round < 20; round++)
        {
            var key = "p|u=race" + round;
            var admitted = 0;
            using var stop = new CancellationTokenSource();
            var sweeper = Task.Run(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    _store.Sweep();
                }
            });
            await Parallel.ForAsync(0, 400, async (_, ct) =>
            {
                if ((await _store.AcquireAsync(policy, key, now, 1, false, ct)).Allowed)
                {
                    Interlocked.Increment(ref admitted);
                }
            });
            await stop.CancelAsync();
            await sweeper;
            Assert.Equal(50, admitted);
        }
    }

    [Fact]
    public async Task Acquire_PolicyAlgorithmChangedAtReload_NewAlgorithmCountsAndIdleKeyStillEvicted()
    {
        var gcra = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 2, TimeSpan.FromMinutes(10));
        var window = RateLimitTestPolicies.Create(RateLimitAlgorithms.FixedWindow, 3, TimeSpan.FromSeconds(10));
        Assert.True((await AcquireAsync(gcra, "p|u=switch")).Allowed);
        Assert.True((await AcquireAsync(gcra, "p|u=switch")).Allowed);
        Assert.False((await AcquireAsync(gcra, "p|u=switch")).Allowed);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await AcquireAsync(window, "p|u=switch")).Allowed);
        }

        Assert.False((await AcquireAsync(window, "p|u=switch")).Allowed);
        // The key stays while the GCRA state it held is still busy (10 minutes), then goes.
        Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, _store.Count);
        Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, _store.Count);
    }

    public void Dispose() => _store.Dispose();
}
