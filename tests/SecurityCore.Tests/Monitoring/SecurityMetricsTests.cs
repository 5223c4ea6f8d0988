using System.Diagnostics.Metrics;
using McpSecurity.SecurityCore.Events;
using McpSecurity.SecurityCore.Monitoring;
using McpSecurity.SecurityCore.RateLimiting;
using McpSecurity.Tests.SecurityCore.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace McpSecurity.Tests.SecurityCore.Monitoring;

/// <summary>The rate limiter reports its decisions to <see cref="SecurityMetrics"/>; the gauges read what is registered.</summary>
public sealed class SecurityMetricsTests : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly MeasurementRecorder _recorder;

    public SecurityMetricsTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RateLimiting:UseDefaultPolicies"] = "false",
            ["RateLimiting:Policies:tight:Limit"] = "1",
            ["RateLimiting:Policies:tight:Period"] = "01:00:00",
            ["RateLimiting:Policies:tight:KeyBy:0"] = "user",
            ["RateLimiting:Policies:wide:Limit"] = "100",
            ["RateLimiting:Policies:wide:Period"] = "00:01:00",
            ["RateLimiting:Policies:wide:KeyBy:0"] = "user",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        services.AddSingleton<ISecurityEventSink>(new RecordingSecurityEventSink());
        services.AddSecurityRateLimiting(configuration.GetSection(RateLimitingOptions.SectionName), configuration.GetSection("Redis"));
        services.AddMetrics();
        services.AddSingleton<SecurityMetrics>();
        _services = services.BuildServiceProvider();
        _recorder = new MeasurementRecorder(_services.GetRequiredService<IMeterFactory>());
    }

    private IRateLimiter Limiter => _services.GetRequiredService<IRateLimiter>();

    [Fact]
    public async Task CheckAsync_AdmittedThenRefused_CountsEachPolicysOutcomeAndTheDuration()
    {
        var request = new RateLimitRequest { UserId = "usr_metrics" };

        await Limiter.CheckAsync(request);
        var second = await Limiter.CheckAsync(request);
        for (var i = 0; i < (2 * SecurityMetrics.RateLimitTimingSampleEvery) - 2; i++)
        {
            await Limiter.CheckAsync(new RateLimitRequest { UserId = "usr_other" + i });
        }

        Assert.False(second.Allowed);
        Assert.Equal((2 * SecurityMetrics.RateLimitTimingSampleEvery) - 1, _recorder.Sum("mcpsec.ratelimit.checks", ("policy", "tight"), ("outcome", "allowed")));
        Assert.Equal(1, _recorder.Sum("mcpsec.ratelimit.checks", ("policy", "tight"), ("outcome", "denied")));
        Assert.Equal(2 * SecurityMetrics.RateLimitTimingSampleEvery, _recorder.Sum("mcpsec.ratelimit.checks", ("policy", "wide"), ("outcome", "allowed")));
        Assert.Equal(2, _recorder.Count("mcpsec.ratelimit.check.duration"));
        Assert.Equal(0, _recorder.Count("mcpsec.ratelimit.store.errors"));
        Assert.All(_recorder.Measurements, m => Assert.DoesNotContain("usr_metrics", string.Join(",", m.Tags.Values), StringComparison.Ordinal));
    }

    [Fact]
    public async Task CheckAsync_DryRun_CountsNothing()
    {
        await Limiter.CheckAsync(new RateLimitRequest { UserId = "usr_dry", DryRun = true });

        Assert.Equal(0, _recorder.Count("mcpsec.ratelimit.checks"));
    }

    [Fact]
    public async Task CheckKeyAsync_Consumed_CountsAndDryRunDoesNot()
    {
        await Limiter.CheckKeyAsync("tight", "usr_key", consume: false);
        await Limiter.CheckKeyAsync("tight", "usr_key", consume: true);
        await Limiter.CheckKeyAsync("tight", "usr_key", consume: true);

        Assert.Equal(1, _recorder.Sum("mcpsec.ratelimit.checks", ("policy", "tight"), ("outcome", "allowed")));
        Assert.Equal(1, _recorder.Sum("mcpsec.ratelimit.checks", ("policy", "tight"), ("outcome", "denied")));
    }

    [Fact]
    public void Gauges_WithTheStoreHealthRegisteredButNoIncidentsOrBlocks_ReportOnlyTheStore()
    {
        _services.GetRequiredService<SecurityMetrics>();

        _recorder.Observe();

        Assert.Equal(0, _recorder.Sum("mcpsec.ratelimit.store.degraded"));
        Assert.Equal(1, _recorder.Count("mcpsec.ratelimit.store.degraded"));
        Assert.Equal(0, _recorder.Count("mcpsec.blocked.addresses"));
        Assert.Equal(0, _recorder.Count("mcpsec.incidents.open"));
    }

    [Fact]
    public void RecordIncidentOpened_CountsByTypeAndSeverity()
    {
        var metrics = _services.GetRequiredService<SecurityMetrics>();

        metrics.RecordIncidentOpened("brute_force", "high");
        metrics.RecordIncidentOpened("brute_force", "high");

        Assert.Equal(2, _recorder.Sum("mcpsec.incidents.opened", ("type", "brute_force"), ("severity", "high")));
    }

    public void Dispose()
    {
        _recorder.Dispose();
        _services.Dispose();
    }
}
