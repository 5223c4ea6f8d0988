using McpSecurity.SecurityCore.RateLimiting;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.RateLimiting;

/// <summary>Algorithm behaviour every store must show alike (burst, steady rate, recovery, boundaries), under a fake clock.</summary>
public abstract class RateLimitStoreScenarios
{
    private static readonly TimeSpan Micro = TimeSpan.FromMicroseconds(1);

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private protected abstract IRateLimitStore Store { get; }

    [Fact]
    public async Task Gcra_Burst_AdmitsBurstThenRefusesWithOneEmissionInterval()
    {
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 5, TimeSpan.FromSeconds(5));
        var key = Key();
        for (var i = 4; i >= 0; i--)
        {
            var outcome = await AcquireAsync(policy, key);
            Assert.True(outcome.Allowed);
            Assert.Equal(i, outcome.Remaining);
        }

        var refused = await AcquireAsync(policy, key);
        Assert.False(refused.Allowed);
        Assert.Equal(0, refused.Remaining);
        Assert.Equal(TimeSpan.FromSeconds(1).Ticks / 10, refused.RetryAfterMicros);
        Assert.Equal(TimeSpan.FromSeconds(5).Ticks / 10, refused.ResetAfterMicros);
    }

    [Fact]
    public async Task Gcra_SteadyRate_AdmitsOnePerEmissionInterval()
    {
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 10, TimeSpan.FromSeconds(10), burst: 2);
        var key = Key();
        Assert.True((await AcquireAsync(policy, key)).Allowed);
        Assert.True((await AcquireAsync(policy, key)).Allowed);
        Assert.False((await AcquireAsync(policy, key)).Allowed);
        for (var second = 0; second < 10; second++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            Assert.True((await AcquireAsync(policy, key)).Allowed);
            Assert.False((await AcquireAsync(policy, key)).Allowed);
        }
    }

    [Fact]
    public async Task Gcra_Recovery_FullBurstAfterPeriodOfQuiet()
    {
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 5, TimeSpan.FromSeconds(5));
        var key = Key();
        for (var i = 0; i < 5; i++)
        {
            await AcquireAsync(policy, key);
        }

        Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, (await AcquireAsync(policy, key)).Remaining);
        Time.Advance(TimeSpan.FromSeconds(60));
        var admitted = 0;
        while ((await AcquireAsync(policy, key)).Allowed)
        {
            admitted++;
        }

        Assert.Equal(5, admitted);
    }

    [Fact]
    public async Task Gcra_Boundary_RefusedOneMicrosecondEarlyAdmittedOnTime()
    {
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 2, TimeSpan.FromSeconds(2));
        var key = Key();
        await AcquireAsync(policy, key);
        await AcquireAsync(policy, key);
        Time.Advance(TimeSpan.FromSeconds(1) - Micro);
        var early = await AcquireAsync(policy, key);
        Assert.False(early.Allowed);
        Assert.Equal(1, early.RetryAfterMicros);
        Time.Advance(Micro);
        Assert.True((await AcquireAsync(policy, key)).Allowed);
    }

    [Fact]
    public async Task Gcra_DryRunAndCost_DryRunConsumesNothingAndCostCountsUnits()
    {
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 10, TimeSpan.FromSeconds(10));
        var key = Key();
        var look = await Store.AcquireAsync(policy, key, Now(), 1, dryRun: true, default);
        Assert.True(look.Allowed);
        Assert.Equal(9, look.Remaining);
        Assert.Equal(6, (await Store.AcquireAsync(policy, key, Now(), 4, dryRun: false, default)).Remaining);
        Assert.False((await Store.AcquireAsync(policy, key, Now(), 7, dryRun: false, default)).Allowed);
        Assert.Equal(0, (await Store.AcquireAsync(policy, key, Now(), 6, dryRun: false, default)).Remaining);
    }

    [Fact]
    public async Task Gcra_PolicyLoosened_KeyOfTheStricterPolicyWaitsOneIntervalOfTheNewOne()
    {
        var strict = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 1, TimeSpan.FromDays(1), burst: 1);
        var loose = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 60, TimeSpan.FromMinutes(1), burst: 10);
        var key = Key();
        Assert.True((await AcquireAsync(strict, key)).Allowed);
        Assert.Equal(TimeSpan.FromDays(1).Ticks / 10, (await AcquireAsync(strict, key)).RetryAfterMicros);

        var loosened = await AcquireAsync(loose, key);
        Assert.False(loosened.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(1).Ticks / 10, loosened.RetryAfterMicros);
        Assert.Equal(TimeSpan.FromSeconds(10).Ticks / 10, loosened.ResetAfterMicros);
        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await AcquireAsync(loose, key)).Allowed);
    }

    [Fact]
    public async Task FixedWindow_Quota_RefusedUntilTheWindowEndsThenFull()
    {
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.FixedWindow, 3, TimeSpan.FromSeconds(10));
        var key = Key();
        Time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(2, (await AcquireAsync(policy, key)).Remaining);
        Assert.Equal(1, (await AcquireAsync(policy, key)).Remaining);
        Assert.Equal(0, (await AcquireAsync(policy, key)).Remaining);
        var refused = await AcquireAsync(policy, key);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(6).Ticks / 10, refused.RetryAfterMicros);
        Time.Advance(TimeSpan.FromSeconds(6) - Micro);
        Assert.False((await AcquireAsync(policy, key)).Allowed);
        Time.Advance(Micro);
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await AcquireAsync(policy, key)).Allowed);
        }

        Assert.False((await AcquireAsync(policy, key)).Allowed);
    }

    [Fact]
    public async Task FixedWindow_Boundary_AdmitsTwoQuotasAroundTheEdge()
    {
        // The known weakness of fixed windows, kept on purpose: windows are epoch-aligned so every instance agrees.
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.FixedWindow, 3, TimeSpan.FromSeconds(10));
        var key = Key();
        Time.Advance(TimeSpan.FromSeconds(10) - Micro);
        var admitted = 0;
        for (var i = 0; i < 4; i++)
        {
            admitted += (await AcquireAsync(policy, key)).Allowed ? 1 : 0;
        }

        Time.Advance(Micro);
        for (var i = 0; i < 4; i++)
        {
            admitted += (await AcquireAsync(policy, key)).Allowed ? 1 : 0;
        }

        Assert.Equal(6, admitted);
    }

    [Fact]
    public async Task SlidingWindow_Boundary_PreviousWindowStillCounts()
    {
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.SlidingWindow, 10, TimeSpan.FromSeconds(10));
        var key = Key();
        Time.Advance(TimeSpan.FromSeconds(10) - Micro);
        for (var i = 0; i < 10; i++)
        {
            Assert.True((await AcquireAsync(policy, key)).Allowed);
        }

        Time.Advance(Micro);
        var refused = await AcquireAsync(policy, key);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(1).Ticks / 10, refused.RetryAfterMicros);
        Time.Advance(TimeSpan.FromSeconds(1) - Micro);
        Assert.False((await AcquireAsync(policy, key)).Allowed);
        Time.Advance(Micro);
        var admitted = await AcquireAsync(policy, key);
        Assert.True(admitted.Allowed);
        Assert.Equal(0, admitted.Remaining);
        Assert.False((await AcquireAsync(policy, key)).Allowed);
    }

    [Fact]
    public async Task SlidingWindow_SteadyAndRecovery_WeightShrinksThenFullAfterTwoPeriods()
    {
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.SlidingWindow, 4, TimeSpan.FromSeconds(4));
        var key = Key();
        for (var i = 0; i < 4; i++)
        {
            Assert.True((await AcquireAsync(policy, key)).Allowed);
        }

        Assert.False((await AcquireAsync(policy, key)).Allowed);
        Time.Advance(TimeSpan.FromSeconds(5));
        // Previous window (4) weighted by 3/4 = 3, so one more fits.
        Assert.True((await AcquireAsync(policy, key)).Allowed);
        Assert.False((await AcquireAsync(policy, key)).Allowed);
        Time.Advance(TimeSpan.FromSeconds(8));
        var admitted = 0;
        while ((await AcquireAsync(policy, key)).Allowed)
        {
            admitted++;
        }

        Assert.Equal(4, admitted);
    }

    [Fact]
    public async Task SlidingWindow_RefusalInTheCurrentWindow_RetryAfterReachesTheNextWindow()
    {
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.SlidingWindow, 4, TimeSpan.FromSeconds(4));
        var key = Key();
        Time.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 4; i++)
        {
            await AcquireAsync(policy, key);
        }

        var refused = await AcquireAsync(policy, key);
        Assert.False(refused.Allowed);
        // Next window starts in 3 s; then the 4 weigh (4 - e)/4 * 4 and one fits once e >= 1 s.
        Assert.Equal(TimeSpan.FromSeconds(4).Ticks / 10, refused.RetryAfterMicros);
        Time.Advance(TimeSpan.FromMicroseconds(refused.RetryAfterMicros));
        Assert.True((await AcquireAsync(policy, key)).Allowed);
    }

    [Fact]
    public async Task Keys_AreIndependent()
    {
        var policy = RateLimitTestPolicies.Create(RateLimitAlgorithms.Gcra, 1, TimeSpan.FromSeconds(10));
        var first = Key();
        var second = Key();
        Assert.True((await AcquireAsync(policy, first)).Allowed);
        Assert.False((await AcquireAsync(policy, first)).Allowed);
        Assert.True((await AcquireAsync(policy, second)).Allowed);
    }

    private protected long Now() => (Time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private protected static string Key() => "p|u=" + Guid.NewGuid().ToString("N");

    private protected Task<RateLimitOutcome> AcquireAsync(RateLimitPolicy policy, string key) =>
        Store.AcquireAsync(policy, key, Now(), 1, dryRun: false, default).AsTask();
}
